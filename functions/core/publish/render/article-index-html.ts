import type { LanguageLinkJson } from '../../contract.js';
import { INDEX_PAGE } from '../../key-layout.js';
import { directionOf, endonym, languageTag } from '../../locale/languages.js';
import { escapeHtml as e } from './escape.js';
import { labelsFor } from './labels.js';
import { pageHead } from './page-head.js';

export interface ArticleIndex {
  readonly articleId: string;
  /** Headline per language, in the order the languages are listed. */
  readonly headlines: Readonly<Record<string, string>>;
  readonly sourceLanguage: string;
  readonly languages: readonly LanguageLinkJson[];
  /** How the head links the set's pages (see `pageHead`); relative by default. */
  readonly href?: (file: string) => string;
}

/**
 * `published/<id>/index.html`: the article's language versions, each named and headlined in its own language
 * and direction; in the source language, as the page every version names as its `x-default`.
 */
export function renderArticleIndexHtml(index: ArticleIndex): string {
  const source = index.headlines[index.sourceLanguage] ?? index.articleId;
  const labels = labelsFor(index.sourceLanguage);
  const items = index.languages
    .map((link) => {
      const language = e(languageTag(link.language));
      const dir = directionOf(link.language);
      const headline = e(index.headlines[link.language] ?? '');
      return `<li lang="${language}" dir="${dir}"><a href="${e(link.html)}" hreflang="${language}"><span class="language">${e(endonym(link.language))}</span> <span class="headline">${headline}</span></a> <a class="data" href="${e(link.json)}" hreflang="${language}" type="application/json">JSON</a></li>`;
    })
    .join('\n');
  const head = pageHead({
    language: index.sourceLanguage,
    direction: directionOf(index.sourceLanguage),
    title: source,
    languages: index.languages,
    file: INDEX_PAGE,
    ...(index.href ? { href: index.href } : {}),
  });
  return `${head}
<body>
<main>
<h1>${e(source)}</h1>
<nav aria-label="${e(labels.languages)}">
<ul class="versions">
${items}
</ul>
</nav>
</main>
<footer><p>polybrief · ${e(index.articleId)}</p></footer>
</body>
</html>
`;
}
