/* Generated from schemas/article.schema.json by scripts/generate-contract-types.ts: edit the schema, then run the script. */

/**
 * Semantic version of this contract. Readers of major version 1 accept any `1.x.y`.
 */
export type SchemaVersion = string;
/**
 * Stable id of the article, derived from its key under `incoming/`: lower-case letters, digits and hyphens.
 */
export type ArticleId = string;
/**
 * BCP 47 language tag as the translation engine names it: `en`, `es`, `zh-TW`, `fa-AF`.
 */
export type LanguageCode = string;
/**
 * Writing direction of the language: `rtl` for Arabic, Hebrew, Persian, Urdu and the like.
 */
export type TextDirection = 'ltr' | 'rtl';
/**
 * `full`: every sentence is translated; `brief`: headline, caption, summary, quotes and facts only.
 */
export type TranslationScope = 'full' | 'brief';
/**
 * The uploaded file's format: plain text, Markdown, HTML, or a Word document (`docx`, since 1.5.0).
 */
export type SourceFormat = 'text' | 'markdown' | 'html' | 'docx';
/**
 * Who wrote this text: `original` (the source language version), `machine` (the translation engine) or `reviewed` (an editor's correction, uploaded under `edits/`, which the translation memory keeps and every later article containing the same source sentence gets).
 */
export type Review = 'original' | 'machine' | 'reviewed';
export type Offset = number;
export type InlineMarkKind = 'link' | 'emphasis' | 'strong' | 'code' | 'break';
/**
 * ISO 8601 date at the precision the article gives: `2023`, `2023-10`, `2023-09-22`, or a week, `2023-W38` (`this week`, `next week`; written before, accepted by this pattern since 1.5.0).
 */
export type IsoDate = string;
/**
 * `direct`: the speaker's words, inside quotation marks in the article; `reported`: what they said, paraphrased (reported speech).
 */
export type QuoteKind = 'direct' | 'reported';
/**
 * Who wrote this text: `original` (the source language version), `machine` (the translation engine) or `reviewed` (an editor's correction, uploaded under `edits/`, which the translation memory keeps and every later article containing the same source sentence gets).
 */
export type Review1 = 'original' | 'machine' | 'reviewed';
/**
 * What a block is, by the innermost structure it sits in: running text, a sub-heading, a paragraph of a block quote, of a list item or of a table cell, or the caption of a figure or table (the last two since 1.5.0). `containers` gives the whole nesting.
 */
export type BlockKind = 'paragraph' | 'heading' | 'quote' | 'list-item' | 'table-cell' | 'caption';
export type ContainerKind = 'quote' | 'list' | 'item' | 'table' | 'row' | 'cell' | 'figure';

/**
 * `published/<articleId>/<lang>.json`: one language version of an article, with its key facts. Every text field is plain text, never markup: escape it wherever it is shown. Offsets (`start`, `end`) are JavaScript string indices (UTF-16 code units, `end` exclusive) into the source article's readable text, in every language version (inline marks, since 1.2.0, are the one exception: they index the text that holds them). `language` is this version's language; `sourceLanguage` the uploaded article's (`und` when it was to be detected and could not be).
 */
export interface ArticleJson {
  schemaVersion: SchemaVersion;
  articleId: ArticleId;
  language: LanguageCode;
  sourceLanguage: LanguageCode;
  direction: TextDirection;
  /**
   * `null` for the source language; otherwise the engine that translated this version.
   */
  translation: null | Translation;
  source: ArticleSource;
  headline: TextSpanJson;
  /**
   * The picture caption, when the article has one.
   */
  caption: null | TextSpanJson;
  dateline: null | DatelineJson;
  metadata?: MetadataJson;
  /**
   * Three to five sentences of the article, in reading order.
   */
  summary: SummarySentenceJson[];
  facts: FactsJson;
  /**
   * The language the facts and the summary were found in. The extractor reads English: `en` for an English article, and for an article in another language translated into English (its facts are found in the English version, each mention's `start` and `end` then the source sentence it is in); `null` when the article is not in English and English is not a target language, so no facts were extracted and `facts` is empty. Since 1.4.0.
   */
  factsLanguage?: LanguageCode | null;
  /**
   * Paragraphs of sentences; empty in `brief` translations, which carry headline, summary and facts only.
   */
  body: ParagraphJson[];
  /**
   * Every language version of this article published with this one, this one included, as keys relative to the article's folder.
   */
  languages: LanguageLinkJson[];
}
export interface Translation {
  /**
   * `amazon-translate`, `apertium`...
   */
  engine: string;
  scope: TranslationScope;
}
export interface ArticleSource {
  /**
   * The uploaded object's key, under `incoming/`.
   */
  key: string;
  format: SourceFormat;
  /**
   * SHA-256 of the upload this version was made from: an edit (`edits/<articleId>/<lang>.json`) naming another is refused, since its sentence ids may no longer be the same sentences.
   */
  sha256: string;
}
/**
 * A sentence (or headline, caption) in this version's language, with the offsets of its source sentence.
 */
export interface TextSpanJson {
  /**
   * Stable within the article and the same in every language version: `headline`, `caption`, `p3s2` (paragraph 3, sentence 2).
   */
  id: string;
  text: string;
  review: Review;
  start: Offset;
  end: Offset;
  /**
   * Inline marks of `text` (links, emphasis, strong, code, line breaks), in this version's language (since 1.2.0); omitted when it has none.
   */
  marks?: InlineMarkJson[];
}
/**
 * Inline markup over part of a sentence (since 1.2.0). Unlike every other offset in this document, `start` and `end` index the `text` of the object holding the mark, in this version's language. Marks nest but never cross; a `break` is empty (`start` equals `end`).
 */
export interface InlineMarkJson {
  kind: InlineMarkKind;
  start: Offset;
  end: Offset;
  /**
   * `link` only: an `http:`, `https:` or `mailto:` URL.
   */
  href?: string;
}
export interface DatelineJson {
  date: null | IsoDate;
  /**
   * The place, translated.
   */
  place: string | null;
  start: Offset;
  end: Offset;
}
/**
 * What the source declares about the article (since 1.5.0): from an HTML page's JSON-LD, `<meta>` tags and figures, a Markdown file's front matter, a Word document's properties. As the source gives it, in every language version (not translated: the captions of figures are translated where they stand, in `caption` and `body`). Each field is omitted when the source does not give it.
 */
export interface MetadataJson {
  authors?: AuthorJson[];
  /**
   * ISO 8601: a date (`2024-03-04`) or a date-time with its offset (`2024-03-04T09:30:00+01:00`), as precise as the source declared it.
   */
  datePublished?: string;
  /**
   * ISO 8601: a date (`2024-03-04`) or a date-time with its offset (`2024-03-04T09:30:00+01:00`), as precise as the source declared it.
   */
  dateModified?: string;
  section?: string;
  keywords?: string[];
  canonicalUrl?: string;
  /**
   * The article's pictures: the one the source declares first (JSON-LD `image`, `og:image`), then its figures'.
   */
  images?: ImageJson[];
}
export interface AuthorJson {
  name: string;
  url?: string;
}
export interface ImageJson {
  url: string;
  alt?: string;
  caption?: string;
  credit?: string;
}
export interface SummarySentenceJson {
  /**
   * The id of the body sentence it is.
   */
  sentenceId: string;
  text: string;
  review: Review;
  start: Offset;
  end: Offset;
  /**
   * Inline marks of `text` (links, emphasis, strong, code, line breaks), in this version's language (since 1.2.0); omitted when it has none.
   */
  marks?: InlineMarkJson[];
}
export interface FactsJson {
  people: PersonJson[];
  organisations: OrganisationJson[];
  places: PlaceJson[];
  dates: DateFactJson[];
  quotes: QuoteJson[];
  figures: FigureJson[];
}
export interface PersonJson {
  /**
   * Full name, as this version writes it.
   */
  name: string;
  /**
   * Full name, as the source article writes it.
   */
  sourceName: string;
  /**
   * Titles and descriptions the article gives the person (`Russian President`), translated.
   */
  roles: string[];
  /**
   * Who wrote each of `roles`, in the same order.
   */
  roleReviews: Review[];
  mentions: Mention[];
}
/**
 * Where the source text mentions a name; `sentence` says where it stands in this version. For facts found in the English version of an article in another language (`factsLanguage`, since 1.4.0), `start` and `end` are the source sentence whose English translation mentions the name.
 */
export interface Mention {
  start: Offset;
  end: Offset;
  /**
   * Where this mention stands in this version (since 1.2.0): the id of the sentence (`headline`, `caption`, `p3s2`) and offsets into that sentence's `text` in this version's language. Omitted only when the translation lost the name.
   */
  sentence?: {
    id: string;
    start: Offset;
    end: Offset;
  };
}
export interface OrganisationJson {
  name: string;
  sourceName: string;
  /**
   * Acronyms and short forms the article ties to the name (`BRI`), as written in the source.
   */
  aliases: string[];
  mentions: Mention[];
}
export interface PlaceJson {
  name: string;
  sourceName: string;
  mentions: Mention[];
}
export interface DateFactJson {
  /**
   * The date as the source article writes it.
   */
  text: string;
  iso: IsoDate;
  start: Offset;
  end: Offset;
}
/**
 * A quote. For a direct quote, `start` and `end` are exactly the quoted words (inside the marks, without the comma or full stop before the closing mark) and `quotation` the quotation as written, marks included; for reported speech, `start` and `end` are the clause that says what was said. Since 1.1.0.
 */
export interface QuoteJson {
  kind: QuoteKind;
  /**
   * The quoted words (direct) or the paraphrase (reported); in a translation, the translation of the sentences that hold them.
   */
  text: string;
  review: Review1;
  /**
   * Full name of the speaker, when known, as this version writes it.
   */
  speaker?: string;
  start: Offset;
  end: Offset;
  /**
   * Direct quotes only: the quotation as the source writes it, from the opening quotation mark to the closing one inclusive (offsets into the source text, as everywhere).
   */
  quotation?: {
    start: Offset;
    end: Offset;
  };
}
export interface FigureJson {
  /**
   * The figure as the source article writes it.
   */
  text: string;
  value: number;
  /**
   * `percent`, `USD`, `people`, `km`...; absent for a bare number.
   */
  unit?: string;
  start: Offset;
  end: Offset;
}
export interface ParagraphJson {
  /**
   * `p3`: the third paragraph.
   */
  id: string;
  kind: BlockKind;
  sentences: TextSpanJson[];
  /**
   * `heading` only: its level as the source wrote it, 1 to 6 (the article's own sections are usually 2; the headline is not in the body). Since 1.5.0.
   */
  level?: number;
  /**
   * The structures this block sits in, outermost first: a block quote, a list and its item, a table with its row and cell, a figure (since 1.5.0). Blocks in the same structure carry the same container `id`, so nesting is rebuilt by comparing the containers of consecutive blocks. Omitted for a block of the body itself.
   */
  containers?: ContainerJson[];
}
/**
 * A structure blocks sit in (since 1.5.0). `id` is unique in the article and the same in every language version (`l1`, `i3`, `t1`, `r2`, `c5`, `q1`, `f1`).
 */
export interface ContainerJson {
  id: string;
  kind: ContainerKind;
  /**
   * `list`: a numbered list.
   */
  ordered?: boolean;
  /**
   * `row`: a header row; `cell`: a header cell.
   */
  header?: boolean;
  /**
   * `cell`: its column, from 1. An empty cell holds no block, so a row's cells are placed by column.
   */
  column?: number;
  /**
   * `table`: how many columns it has.
   */
  columns?: number;
  /**
   * `figure`: its picture.
   */
  image?: {
    url: string;
    alt?: string;
  };
}
export interface LanguageLinkJson {
  language: LanguageCode;
  /**
   * `<lang>.json`, relative to the article's folder.
   */
  json: string;
  /**
   * `<lang>.html`, relative to the article's folder.
   */
  html: string;
}
