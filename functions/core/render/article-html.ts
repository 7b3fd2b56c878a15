import type { ArticleJson, FactsJson } from '../contract.js';
import { endonym } from '../languages.js';
import { escapeHtml as e, jsonForScriptBlock } from './escape.js';
import { type Labels, labelsFor } from './labels.js';
import { contentSecurityPolicy, pageStyle } from './page-style.js';

function languageNav(article: ArticleJson, labels: Labels): string {
  const items = article.languages.map((link) => {
    const current = link.language === article.language ? ' aria-current="page"' : '';
    return `<li><a href="${e(link.html)}" hreflang="${e(link.language)}" lang="${e(link.language)}"${current}>${e(endonym(link.language))}</a></li>`;
  });
  return `<nav aria-label="${e(labels.languages)}"><ul>${items.join('')}</ul></nav>`;
}

function list(items: readonly string[]): string {
  return `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

function factsBox(facts: FactsJson, labels: Labels, language: string): string {
  const rows: string[] = [];
  const row = (label: string, items: readonly string[]): void => {
    if (items.length > 0) rows.push(`<dt>${e(label)}</dt><dd>${list(items)}</dd>`);
  };
  row(
    labels.people,
    facts.people.map((person) =>
      person.roles.length > 0
        ? `${e(person.name)} <span class="role">(${e(person.roles.join('; '))})</span>`
        : e(person.name),
    ),
  );
  row(
    labels.organisations,
    facts.organisations.map((item) =>
      item.aliases.length > 0 ? `${e(item.name)} (${e(item.aliases.join(', '))})` : e(item.name),
    ),
  );
  row(
    labels.places,
    facts.places.map((item) => e(item.name)),
  );
  row(
    labels.dates,
    facts.dates.map((item) => `<time datetime="${e(item.iso)}">${e(formatIso(item.iso, language))}</time>`),
  );
  row(
    labels.quotes,
    facts.quotes.map((quote) => `“${e(quote.text)}”${quote.speaker ? ` — ${e(quote.speaker)}` : ''}`),
  );
  row(
    labels.figures,
    facts.figures.map((item) => e(item.text)),
  );
  if (rows.length === 0) return '';
  return `<section class="facts" aria-labelledby="facts-title"><h2 id="facts-title">${e(labels.facts)}</h2><dl>${rows.join('')}</dl></section>`;
}

/** Dates the way the page's language writes them, at the precision the article gave. */
function formatIso(iso: string, language: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  if (!year) return iso;
  const date = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', timeZone: 'UTC' };
  if (month) options.month = 'long';
  if (day) options.day = 'numeric';
  try {
    return new Intl.DateTimeFormat(language, options).format(date);
  } catch {
    return iso;
  }
}

function body(article: ArticleJson): string {
  return article.body
    .map((paragraph) => {
      const text = paragraph.sentences.map((sentence) => e(sentence.text)).join(' ');
      switch (paragraph.kind) {
        case 'heading':
          return `<h2 id="${e(paragraph.id)}">${text}</h2>`;
        case 'quote':
          return `<blockquote id="${e(paragraph.id)}"><p>${text}</p></blockquote>`;
        case 'list-item':
          return `<ul id="${e(paragraph.id)}"><li>${text}</li></ul>`;
        default:
          return `<p id="${e(paragraph.id)}">${text}</p>`;
      }
    })
    .join('\n');
}

function structuredData(article: ArticleJson): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline.text,
    inLanguage: article.language,
    ...(article.dateline?.date ? { datePublished: article.dateline.date } : {}),
    ...(article.dateline?.place
      ? { locationCreated: { '@type': 'Place', name: article.dateline.place } }
      : {}),
    ...(article.summary.length > 0 ? { abstract: article.summary.map((item) => item.text).join(' ') } : {}),
    ...(article.translation
      ? { translationOfWork: { '@type': 'NewsArticle', inLanguage: article.sourceLanguage } }
      : {}),
    mentions: [
      ...article.facts.people.map((person) => ({ '@type': 'Person', name: person.name })),
      ...article.facts.organisations.map((item) => ({ '@type': 'Organization', name: item.name })),
      ...article.facts.places.map((item) => ({ '@type': 'Place', name: item.name })),
    ],
  };
  return `<script type="application/ld+json">${jsonForScriptBlock(data)}</script>`;
}

/**
 * A standalone, readable page for one language version: no scripts, no external requests, every piece of article
 * text escaped, links to the other language versions.
 */
export function renderArticleHtml(article: ArticleJson): string {
  const labels = labelsFor(article.language);
  const dateline = article.dateline;
  const meta = [
    dateline?.date
      ? `<time datetime="${e(dateline.date)}">${e(formatIso(dateline.date, article.language))}</time>`
      : '',
    dateline?.place ? e(dateline.place) : '',
  ].filter((part) => part !== '');
  const notice = article.translation
    ? labels.machineTranslated(article.translation.engine, endonym(article.sourceLanguage))
    : labels.original;
  const alternates = article.languages
    .map((link) => `<link rel="alternate" hreflang="${e(link.language)}" href="${e(link.html)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${e(article.language)}" dir="${article.direction}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(article.headline.text)}</title>
${alternates}
<style>${pageStyle}</style>
${structuredData(article)}
</head>
<body>
${languageNav(article, labels)}
<main>
<article>
<header>
<h1>${e(article.headline.text)}</h1>
${meta.length > 0 ? `<p class="meta">${meta.join(' · ')}</p>` : ''}
${article.caption ? `<p class="caption">${e(article.caption.text)}</p>` : ''}
<p class="notice">${e(notice)}</p>
</header>
${article.summary.length > 0 ? `<section class="summary" aria-labelledby="summary-title"><h2 id="summary-title">${e(labels.summary)}</h2>${list(article.summary.map((item) => e(item.text)))}</section>` : ''}
${factsBox(article.facts, labels, article.language)}
${article.body.length > 0 ? `<section class="body" aria-label="${e(labels.article)}">\n${body(article)}\n</section>` : ''}
</article>
</main>
<footer><p>polybrief · ${e(article.articleId)} · ${e(article.language)}</p></footer>
</body>
</html>
`;
}
