/* Generated from schemas/manifest.schema.json by scripts/generate-contract-types.ts: edit the schema, then run the script. */

/**
 * Semantic version of this contract. Readers of major version 1 accept any `1.x.y`.
 */
export type SchemaVersion = string;
/**
 * Stable id of the article, derived from its key under `incoming/`: lower-case letters, digits and hyphens.
 */
export type ArticleId = string;
/**
 * UTC time, ISO 8601 (`2024-01-01T12:00:00.000Z`).
 */
export type Timestamp = string;
/**
 * SHA-256 of the object's bytes, lower-case hex.
 */
export type Sha256 = string;
export type Bytes = number;
/**
 * BCP 47 language tag as the translation engine names it: `en`, `es`, `zh-TW`, `fa-AF`.
 */
export type LanguageCode = string;
export type Milliseconds = number;

/**
 * `published/<articleId>/manifest.json`: written last, after every artefact it lists; until it exists the set is not published. It describes one published set exactly: each artefact's key, size, SHA-256 and, in a versioned bucket, version id.
 */
export interface ManifestJson {
  schemaVersion: SchemaVersion;
  articleId: ArticleId;
  /**
   * `complete`: every configured language is published; `partial`: the languages in `errors` failed and the others are published.
   */
  status: 'complete' | 'partial';
  publishedAt: Timestamp;
  /**
   * The polybrief version that published the set.
   */
  pipelineVersion: string;
  /**
   * Identifies the settings that produced the set (pipeline version, languages, engine, scope); the same source published with the same settings is not published again.
   */
  settingsFingerprint: string;
  source: SourceJson;
  sourceLanguage: LanguageCode;
  /**
   * The languages published in this set, the source language first.
   */
  languages: LanguageCode[];
  /**
   * Every object of the set: `<lang>.json` and `<lang>.html` per published language, then `index.html`.
   */
  artefacts: ArtefactJson[];
  /**
   * One entry per language that failed; empty when `status` is `complete`.
   */
  errors: LanguageErrorJson[];
  timings: TimingsJson;
  translation: TranslationReportJson;
  /**
   * The editors' corrections applied to this set since its source was published, oldest first (a new upload of the source starts a new set, whose corrected sentences come from the translation memory).
   */
  edits: EditJson[];
}
/**
 * The uploaded article this set was made from.
 */
export interface SourceJson {
  /**
   * The bucket (locally: the output folder's name, never its path).
   */
  bucket: string;
  /**
   * The upload's key, under `incoming/`.
   */
  key: string;
  /**
   * The version read, in a versioned bucket.
   */
  versionId: string | null;
  etag: string | null;
  /**
   * When the version read was uploaded (locally: the file's modification time).
   */
  lastModified: string | null;
  sha256: Sha256;
  bytes: Bytes;
  /**
   * `docx` since 1.5.0.
   */
  format: 'text' | 'markdown' | 'html' | 'docx';
  /**
   * The text encoding detected: `utf-8`, `utf-16le`, `windows-1252`...
   */
  encoding: string;
}
/**
 * One object of the set, exactly as written.
 */
export interface ArtefactJson {
  /**
   * The object's full key: `published/<articleId>/<lang>.json`.
   */
  key: string;
  /**
   * The language of a `<lang>.json` or `<lang>.html`; `null` for `index.html`.
   */
  language: null | LanguageCode;
  contentType: 'application/json' | 'text/html; charset=utf-8';
  bytes: Bytes;
  sha256: Sha256;
  /**
   * The object version written, in a versioned bucket: GET the key with this version id to read exactly these bytes, even after the key was overwritten by a later set. `null` where the store keeps no versions.
   */
  versionId: string | null;
}
export interface LanguageErrorJson {
  language: LanguageCode;
  message: string;
  /**
   * True when another attempt may succeed (throttling, time-outs); the pipeline retries the article itself.
   */
  retryable: boolean;
  /**
   * The last version of this language that was published, when there is one: its objects are left exactly as they were, never removed or overwritten by this set. It was made from an earlier source (see `sourceSha256`).
   */
  previous: null | PreviousLanguageJson;
}
export interface PreviousLanguageJson {
  publishedAt: Timestamp;
  sourceSha256: Sha256;
  artefacts: ArtefactJson[];
}
/**
 * Wall-clock milliseconds. Languages are translated concurrently, so `languagesMs` overlap.
 */
export interface TimingsJson {
  totalMs: Milliseconds;
  stagesMs: StageTimingsJson;
  /**
   * Translation time per target language, failed ones included.
   */
  languagesMs: {
    [k: string]: Milliseconds | undefined;
  };
}
export interface StageTimingsJson {
  read: Milliseconds;
  analyse: Milliseconds;
  translate: Milliseconds;
  publish: Milliseconds;
}
export interface TranslationReportJson {
  scope: 'full' | 'brief';
  pricePerMillionCharactersUsd: number;
  /**
   * Accounting per target language, translated or failed (since 1.6.0: before, failed ones were absent): a language that failed is listed with what the engine billed before it failed (its error is in `errors`).
   */
  languages: {
    [k: string]: TranslationAccountingJson | undefined;
  };
  detection?: DetectionAccountingJson;
}
export interface TranslationAccountingJson {
  engine: string;
  /**
   * Characters billed: everything sent to the engine.
   */
  charactersSent: number;
  /**
   * Characters answered from the translation memory instead of the engine.
   */
  charactersFromMemory: number;
  requests: number;
  retries: number;
  /**
   * `charactersSent` at `pricePerMillionCharactersUsd`.
   */
  estimatedCostUsd: number;
  /**
   * Sentences of this version (headline, caption, body or summary sentences, by id) whose text is an editor's correction.
   */
  reviewedSentences: number;
}
/**
 * With `sourceLanguage` `auto`: the one detection of the article's language, made before any translation from a sample of the whole text, and what it cost. Absent when the source language is configured. Since 1.4.0.
 */
export interface DetectionAccountingJson {
  engine: string;
  language: LanguageCode;
  /**
   * The detector's confidence, 0 to 1.
   */
  score: number;
  /**
   * Characters billed: the sample sent, as the detector counts it (Amazon Comprehend: units of 100 characters, at least 3).
   */
  charactersSent: number;
  requests: number;
  retries: number;
  pricePerMillionCharactersUsd: number;
  /**
   * `charactersSent` at `pricePerMillionCharactersUsd`.
   */
  estimatedCostUsd: number;
}
/**
 * One edit file applied to the set.
 */
export interface EditJson {
  language: LanguageCode;
  /**
   * The edit's key: `edits/<articleId>/<lang>.json`.
   */
  key: string;
  versionId: string | null;
  etag: string | null;
  sha256: Sha256;
  appliedAt: Timestamp;
  /**
   * Source sentences (and roles) whose translation the edit corrected.
   */
  corrections: number;
}
