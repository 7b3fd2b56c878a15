/**
 * The package's entry point for downstream systems: the types of everything the pipeline publishes. The JSON
 * Schemas they are generated from ship beside them (`polybrief/schemas/manifest.schema.json`...).
 */
export type {
  ArtefactJson,
  ArticleJson,
  BlockKind,
  CompletionDetailJson,
  CompletionEventJson,
  DateFactJson,
  DatelineJson,
  EditJson,
  FactsJson,
  FailedRecordJson,
  FigureJson,
  InlineMarkJson,
  LanguageErrorJson,
  LanguageLinkJson,
  ManifestJson,
  MentionJson,
  OrganisationJson,
  ParagraphJson,
  PersonJson,
  PlaceJson,
  PreviousLanguageJson,
  QuoteJson,
  Review,
  SourceFormat,
  SourceJson,
  SummarySentenceJson,
  TextDirection,
  TextSpanJson,
  TimingsJson,
  TranslationAccountingJson,
  TranslationReportJson,
  TranslationScope,
} from './core/contract.js';
export { SCHEMA_VERSION } from './core/contract.js';
