import type { ArticleJson, FactsJson, FigureJson, QuoteJson } from '../../contract.js';
import { INDEX_PAGE, languageFiles } from '../../key-layout.js';
import { dateTimeFormat, numberFormat } from '../../locale/intl-formats.js';
import {
  directionOf,
  endonym,
  languageName,
  languageTag,
  sentenceSeparator,
} from '../../locale/languages.js';
import { quoted } from '../../locale/quotation-marks.js';
import { bylineHtml, metaLabelsFor, publishedDate, structuredMetadata } from './article-meta.js';
import { pictureLink, renderBody } from './body-blocks.js';
import { escapeHtml as e, jsonForScriptBlock } from './escape.js';
import { sentenceHtml } from './inline-marks.js';
import { type Labels, labelsFor } from './labels.js';
import { pageHead } from './page-head.js';

const engineNames: Readonly<Record<string, string>> = {
  apertium: 'Apertium',
  'amazon-translate': 'Amazon Translate',
};

/** A language link's text, in its own language and direction. */
function languageLink(language: string, href: string, current: boolean): string {
  const here = current ? ' aria-current="page"' : '';
  const tag = e(languageTag(language));
  return `<a href="${e(href)}" hreflang="${tag}" lang="${tag}" dir="${directionOf(language)}"${here}>${e(endonym(language))}</a>`;
}

function languageNav(article: ArticleJson, labels: Labels): string {
  const items = article.languages.map(
    (link) => `<li>${languageLink(link.language, link.html, link.language === article.language)}</li>`,
  );
  return `<nav aria-label="${e(labels.languages)}"><ul>${items.join('')}</ul></nav>`;
}

function list(items: readonly string[]): string {
  return `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

/** Names are isolated, so a name in another script never reorders the text around it. */
function bdi(text: string): string {
  return `<bdi>${e(text)}</bdi>`;
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
    return dateTimeFormat(language, options).format(date);
  } catch {
    return iso;
  }
}

const currencies = new Set(['EUR', 'USD', 'GBP', 'JPY', 'CNY', 'CHF', 'RUB', 'INR', 'CAD', 'AUD']);
/** Units the article extraction names, as Intl.NumberFormat knows them. */
const intlUnits: Readonly<Record<string, string>> = {
  days: 'day',
  hours: 'hour',
  minutes: 'minute',
  seconds: 'second',
  weeks: 'week',
  months: 'month',
  years: 'year',
  km: 'kilometer',
  m: 'meter',
  kg: 'kilogram',
  mi: 'mile',
  ha: 'hectare',
  l: 'liter',
};

/**
 * A figure in the page's language where the number and unit can be written in it (`4 días`, `1100 millones €`);
 * otherwise the source's own words, marked as being in the source language.
 */
function figure(item: FigureJson, article: ArticleJson): string {
  if (article.translation === null) return e(item.text);
  const { unit, value } = item;
  let options: Intl.NumberFormatOptions | undefined;
  if (unit && currencies.has(unit)) {
    options = {
      style: 'currency',
      currency: unit,
      minimumFractionDigits: 0,
      ...(value >= 1e6 ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    };
  } else if (unit === 'percent') {
    return e(
      numberFormat(article.language, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100),
    );
  } else if (unit && intlUnits[unit]) {
    options = { style: 'unit', unit: intlUnits[unit], unitDisplay: 'long' };
  } else if (unit === undefined) {
    options = {};
  }
  if (!options) return `<span lang="${e(languageTag(article.sourceLanguage))}">${e(item.text)}</span>`;
  try {
    return e(numberFormat(article.language, { maximumFractionDigits: 2, ...options }).format(value));
  } catch {
    return `<span lang="${e(languageTag(article.sourceLanguage))}">${e(item.text)}</span>`;
  }
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/**
 * A quote as the facts box lists it: a direct quote between the page language's own quotation marks, reported
 * speech without any (it is a paraphrase, not the speaker's words), then the speaker.
 */
function quoteItem(quote: QuoteJson, language: string): string {
  const text = quote.kind === 'direct' ? `<q>${e(quoted(quote.text, language))}</q>` : e(quote.text);
  return quote.speaker ? `${text} — ${bdi(quote.speaker)}` : text;
}

function factsBox(facts: FactsJson, labels: Labels, article: ArticleJson): string {
  const rows: string[] = [];
  const row = (label: string, items: readonly string[]): void => {
    if (items.length > 0) rows.push(`<dt>${e(label)}</dt><dd>${list(unique(items))}</dd>`);
  };
  row(
    labels.people,
    facts.people.map((person) =>
      person.roles.length > 0
        ? `${bdi(person.name)} <span class="role">(${bdi(person.roles.join('; '))})</span>`
        : bdi(person.name),
    ),
  );
  row(
    labels.organisations,
    facts.organisations.map((item) =>
      item.aliases.length > 0 ? `${bdi(item.name)} (${bdi(item.aliases.join(', '))})` : bdi(item.name),
    ),
  );
  row(
    labels.places,
    facts.places.map((item) => bdi(item.name)),
  );
  row(
    labels.dates,
    facts.dates.map(
      (item) => `<time datetime="${e(item.iso)}">${e(formatIso(item.iso, article.language))}</time>`,
    ),
  );
  row(
    labels.quotes,
    facts.quotes.map((quote) => quoteItem(quote, article.language)),
  );
  row(
    labels.figures,
    facts.figures.map((item) => figure(item, article)),
  );
  if (rows.length === 0) return '';
  return `<aside class="facts" aria-labelledby="facts-title"><h2 id="facts-title">${e(labels.facts)}</h2><dl>${rows.join('')}</dl></aside>`;
}

/**
 * The header's line about the article: its authors, when it was published (the dateline's date, else the one the
 * source declares) and where, when it was updated, its section.
 */
function headerMeta(article: ArticleJson): string[] {
  const { dateline, language } = article;
  const metadata = article.metadata ?? {};
  const labels = metaLabelsFor(language);
  const time = (iso: string) =>
    `<time datetime="${e(iso)}">${e(formatIso(iso.slice(0, 10), language))}</time>`;
  const published = publishedDate(article);
  const modified = metadata.dateModified;
  const updated = modified && modified.slice(0, 10) !== published?.slice(0, 10) ? modified : undefined;
  return [
    bylineHtml(metadata, language) ?? '',
    published ? time(published) : '',
    dateline?.place ? bdi(dateline.place) : '',
    updated ? `${e(labels.updated)} ${time(updated)}` : '',
    metadata.section ? bdi(metadata.section) : '',
  ].filter((part) => part !== '');
}

/** The article's first picture, as a link (see `pictureLink`), unless a figure of the body shows it. */
function leadPicture(article: ArticleJson): string {
  const image = article.metadata?.images?.[0];
  if (!image) return '';
  const inBody = article.body.some((paragraph) =>
    paragraph.containers?.some((container) => container.image?.url === image.url),
  );
  return inBody ? '' : pictureLink(image, metaLabelsFor(article.language));
}

/** The source's keywords, after the body. */
function tagsLine(article: ArticleJson): string {
  const keywords = article.metadata?.keywords ?? [];
  if (keywords.length === 0) return '';
  return `<p class="tags">${e(metaLabelsFor(article.language).tags)}: ${keywords.map(bdi).join(', ')}</p>`;
}

function datelineText(article: ArticleJson): string | undefined {
  const { dateline } = article;
  if (!dateline) return undefined;
  const parts = [dateline.date ? formatIso(dateline.date, article.language) : '', dateline.place ?? ''];
  const text = parts.filter((part) => part !== '').join(', ');
  return text === '' ? undefined : text;
}

function structuredData(article: ArticleJson): string {
  const summary = article.summary.map((item) => item.text).join(sentenceSeparator(article.language));
  const dateline = datelineText(article);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline.text,
    inLanguage: languageTag(article.language),
    ...structuredMetadata(article),
    ...(dateline ? { dateline } : {}),
    ...(article.dateline?.place
      ? { locationCreated: { '@type': 'Place', name: article.dateline.place } }
      : {}),
    ...(summary === '' ? {} : { abstract: summary }),
    ...(article.translation
      ? { translationOfWork: { '@type': 'NewsArticle', inLanguage: languageTag(article.sourceLanguage) } }
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
 * text escaped, links to the other language versions (`href` says how the head links them, see `pageHead`).
 */
export function renderArticleHtml(article: ArticleJson, href?: (file: string) => string): string {
  const labels = labelsFor(article.language);
  const meta = headerMeta(article);
  const notice = article.translation
    ? labels.machineTranslated(
        engineNames[article.translation.engine] ?? article.translation.engine,
        languageName(article.sourceLanguage, article.language),
      )
    : labels.original;
  const head = pageHead({
    language: article.language,
    direction: article.direction,
    title: article.headline.text,
    languages: article.languages,
    file: languageFiles(article.language).html,
    ...(href ? { href } : {}),
    links: [
      `<link rel="alternate" type="application/json" href="${e(languageFiles(article.language).json)}">`,
    ],
    end: [structuredData(article)],
  });
  const summary = article.summary.map(sentenceHtml);
  return `${head}
<body>
${languageNav(article, labels)}
<main>
<article>
<header>
<h1>${sentenceHtml(article.headline)}</h1>
${meta.length > 0 ? `<p class="meta">${meta.join(' · ')}</p>` : ''}
${article.caption ? `<p class="caption">${sentenceHtml(article.caption)}</p>` : ''}
${leadPicture(article)}
<p class="notice">${e(notice)}</p>
</header>
${summary.length > 0 ? `<section class="summary" aria-labelledby="summary-title"><h2 id="summary-title">${e(labels.summary)}</h2>${list(summary)}</section>` : ''}
${factsBox(article.facts, labels, article)}
${article.body.length > 0 ? `<section class="body" aria-label="${e(labels.article)}">\n${renderBody(article.body, article.language, metaLabelsFor(article.language))}\n</section>` : ''}
${tagsLine(article)}
</article>
</main>
<footer><p>polybrief · ${e(article.articleId)} · <a href="${INDEX_PAGE}">${e(labels.languages)}</a></p></footer>
</body>
</html>
`;
}
