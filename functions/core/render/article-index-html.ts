import type { LanguageLinkJson } from '../contract.js';
import { directionOf, endonym } from '../languages.js';
import { escapeHtml as e } from './escape.js';
import { contentSecurityPolicy, pageStyle } from './page-style.js';

export interface ArticleIndex {
  readonly articleId: string;
  /** Headline per language, in the order the languages are listed. */
  readonly headlines: Readonly<Record<string, string>>;
  readonly sourceLanguage: string;
  readonly languages: readonly LanguageLinkJson[];
}

/** `published/<id>/index.html`: the article's language versions, each in its own language. */
export function renderArticleIndexHtml(index: ArticleIndex): string {
  const source = index.headlines[index.sourceLanguage] ?? index.articleId;
  const items = index.languages
    .map((link) => {
      const language = e(link.language);
      const headline = e(index.headlines[link.language] ?? '');
      return `<li lang="${language}" dir="${directionOf(link.language)}"><a href="${e(link.html)}" hreflang="${language}">${e(endonym(link.language))}</a> — ${headline} <small>(<a href="${e(link.json)}" hreflang="${language}" type="application/json">JSON</a>)</small></li>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${e(index.sourceLanguage)}" dir="${directionOf(index.sourceLanguage)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(source)}</title>
<style>${pageStyle}</style>
</head>
<body>
<main>
<h1>${e(source)}</h1>
<ul>
${items}
</ul>
</main>
</body>
</html>
`;
}
