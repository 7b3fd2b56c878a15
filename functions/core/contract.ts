/**
 * The publication contract: the shapes of `published/<articleId>/<lang>.json`, `manifest.json`,
 * `failed/<articleId>.json` and the completion events. The JSON Schemas in `schemas/` are the source of truth; the
 * declarations beside them are generated from them (scripts/generate-contract-types.ts) and re-exported here
 * read-only, for the pipeline and for downstream systems (`import type { ManifestJson } from 'polybrief'`).
 */
import type * as Article from '../../schemas/article.schema.js';
import type * as Event from '../../schemas/completion-event.schema.js';
import type * as Failed from '../../schemas/failed-record.schema.js';
import type * as Manifest from '../../schemas/manifest.schema.js';

/** The version written into every document; its major version is the one the schemas accept. */
export const SCHEMA_VERSION = '1.6.0';

/** Generated declarations are mutable; what is read from the bucket (or about to be written) is not changed. */
export type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

export type TextDirection = Article.TextDirection;
export type TranslationScope = Article.TranslationScope;
export type SourceFormat = Article.SourceFormat;
export type BlockKind = Article.BlockKind;
/** Who wrote a text of a language version: `original`, `machine` or `reviewed` (an editor's correction). */
export type Review = Article.Review;

/** `published/<articleId>/<lang>.json` */
export type ArticleJson = DeepReadonly<Article.ArticleJson>;
export type TextSpanJson = DeepReadonly<Article.TextSpanJson>;
export type DatelineJson = DeepReadonly<Article.DatelineJson>;
export type SummarySentenceJson = DeepReadonly<Article.SummarySentenceJson>;
export type FactsJson = DeepReadonly<Article.FactsJson>;
export type PersonJson = DeepReadonly<Article.PersonJson>;
export type OrganisationJson = DeepReadonly<Article.OrganisationJson>;
export type PlaceJson = DeepReadonly<Article.PlaceJson>;
export type DateFactJson = DeepReadonly<Article.DateFactJson>;
export type QuoteJson = DeepReadonly<Article.QuoteJson>;
export type FigureJson = DeepReadonly<Article.FigureJson>;
export type MentionJson = DeepReadonly<Article.Mention>;
export type InlineMarkJson = DeepReadonly<Article.InlineMarkJson>;
export type ParagraphJson = DeepReadonly<Article.ParagraphJson>;
export type ContainerJson = DeepReadonly<Article.ContainerJson>;
export type MetadataJson = DeepReadonly<Article.MetadataJson>;
export type LanguageLinkJson = DeepReadonly<Article.LanguageLinkJson>;

/** `published/<articleId>/manifest.json`: written last; the set is published once it exists. */
export type ManifestJson = DeepReadonly<Manifest.ManifestJson>;
export type SourceJson = DeepReadonly<Manifest.SourceJson>;
export type ArtefactJson = DeepReadonly<Manifest.ArtefactJson>;
export type LanguageErrorJson = DeepReadonly<Manifest.LanguageErrorJson>;
export type PreviousLanguageJson = DeepReadonly<Manifest.PreviousLanguageJson>;
export type TimingsJson = DeepReadonly<Manifest.TimingsJson>;
export type TranslationReportJson = DeepReadonly<Manifest.TranslationReportJson>;
export type TranslationAccountingJson = DeepReadonly<Manifest.TranslationAccountingJson>;
export type EditJson = DeepReadonly<Manifest.EditJson>;
export type DetectionAccountingJson = DeepReadonly<Manifest.DetectionAccountingJson>;

/** `failed/<articleId>.json`: the article could not be published; the upload itself is left untouched. */
export type FailedRecordJson = DeepReadonly<Failed.FailedRecordJson>;

/** A completion event: a line of `polybrief run --events FILE`, or the fields of an EventBridge event. */
export type CompletionEventJson = DeepReadonly<Event.CompletionEventJson>;
export type CompletionDetailJson = DeepReadonly<Event.CompletionDetailJson>;
