import type { Terminologies } from '../shared/options/translate-values.js';
import type { CompletionDetailJson } from './contract.js';

/**
 * The collaborators the pipeline core is given. Adapters in `functions/adapters/` implement them for
 * S3, the local file system, Amazon Translate and Apertium; tests implement them in memory.
 */

/** What the store knows about an object without reading it. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
  readonly versionId?: string;
  readonly lastModified?: Date;
  /**
   * The object's user metadata (S3 `x-amz-meta-*`), names in lower case without the prefix; absent where the store
   * keeps none (the folder of `polybrief run`).
   */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface StoredObject {
  readonly info: ObjectInfo;
  readonly body: Uint8Array;
}

export interface PutOptions {
  readonly contentType: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Write only if the object there now has this ETag (S3 `If-Match`); otherwise the put throws
   * `PreconditionFailedError` and nothing is written. With `ifNoneMatch`, the read-modify-write of a shared object
   * (a feed, the sitemap) that never loses a concurrent writer's change.
   */
  readonly ifMatch?: string;
  /** Write only if no object has the key (S3 `If-None-Match: *`); otherwise `PreconditionFailedError`. */
  readonly ifNoneMatch?: '*';
}

/** What the store says of an object it has just written. */
export interface PutResult {
  readonly etag?: string;
  /** Set by stores that keep versions (a versioned S3 bucket). */
  readonly versionId?: string;
}

export interface GetOptions {
  /** Refuse, before reading the body, an object larger than this (throws `ArticleTooLargeError`). */
  readonly maxBytes?: number;
  readonly versionId?: string;
}

/** A bucket (or a folder standing in for one). Keys are S3 keys, `/`-separated. */
export interface ArticleStore {
  /** The bucket name (or folder) recorded as provenance in manifests. */
  readonly location: string;
  head(key: string): Promise<ObjectInfo | undefined>;
  /** `undefined` when the object does not exist. */
  get(key: string, options?: GetOptions): Promise<StoredObject | undefined>;
  put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult>;
}

export interface TranslationRequest {
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  /** Sentences or short texts; each comes back translated at the same index. None contains a line break. */
  readonly segments: readonly string[];
  /**
   * `text` (default): plain text. `html`: inline HTML (functions/core/inline-html.ts) whose elements the engine
   * keeps around the words they mark, `translate=no` elements exactly as they are; answers come back as inline
   * HTML too.
   */
  readonly format?: 'text' | 'html';
  /**
   * Told, as soon as each request to the engine is answered, of the segments it translated, before the whole
   * call is done: the translation memory keeps them at once, so they are not paid for again when the language
   * fails later. An engine that does not call it has its translations remembered when the call succeeds.
   */
  readonly onAnswered?: (answered: AnsweredSegments) => void;
}

/** Segments one engine request translated: indexes into the call's `segments`, each with its translation. */
export interface AnsweredSegments {
  readonly indexes: readonly number[];
  readonly translations: readonly string[];
  /** The language the engine detected, when the call's source language was `auto`. */
  readonly detectedSourceLanguage?: string;
}

export interface TranslationUsage {
  /** Characters billed: everything sent to the engine, separators included. */
  readonly characters: number;
  /** Characters of segments answered from translation memory instead of the engine. */
  readonly charactersFromMemory?: number;
  readonly requests: number;
  readonly retries: number;
}

export interface TranslationResult {
  readonly translations: readonly string[];
  /** The language the engine detected, when the request's source language was `auto`. */
  readonly detectedSourceLanguage?: string;
  readonly usage: TranslationUsage;
  /**
   * True at the index of each translation that is an editor's correction (the translation memory keeps them);
   * absent when none is.
   */
  readonly reviewed?: readonly boolean[];
}

/** Editors' corrections of one language pair: the source segment, and the translation it should have. */
export interface CorrectionsRequest {
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  readonly corrections: readonly { readonly source: string; readonly translation: string }[];
}

export interface Translator {
  /** `apertium`, `amazon-translate`, ... recorded in outputs and part of every cache key. */
  readonly engine: string;
  /**
   * The engine bills the characters of inline markup (Amazon Translate): only the elements that must stay are
   * then sent, and places and quotes are found in the translation by their words instead.
   */
  readonly billsMarkup?: boolean;
  /** Engine settings that change the output for a target language (formality, terminology...), for cache keys. */
  settingsFor(targetLanguage: string): string;
  translate(request: TranslationRequest): Promise<TranslationResult>;
  /**
   * Source terms the engine's custom terminology translates into this target language: organisations named
   * here are translated (with that terminology) instead of kept as written. Absent: none.
   */
  translatedTerms?(targetLanguage: string): ReadonlySet<string> | undefined;
  /**
   * Learns editors' corrections, so that they win over the engine from then on. Only a translator that
   * remembers (the translation memory) has it.
   */
  learn?(request: CorrectionsRequest): Promise<void>;
  /**
   * The same engine applying these custom terminologies (at most one per target language, `*` for every one) in
   * place of its own map (an upload's choice); throws a `RangeError` saying why when it cannot (a name it was not
   * given access to). Absent for engines without terminologies.
   */
  withTerminologies?(terminologies: Terminologies): Translator;
  /**
   * Finds out, without sending anything to the engine, what translating the request would send: the translation
   * memory answers with what it does not have. A translator without it is taken to send every segment.
   */
  prepare?(request: TranslationRequest): Promise<PreparedTranslation>;
}

/** A translation worked out up to the engine's first request. */
export interface PreparedTranslation {
  /** Characters the engine would be sent, and bill, for it (line breaks between segments included). */
  readonly charactersToSend: number;
  /** Sends it. */
  translate(): Promise<TranslationResult>;
}

/** One language a detector found in a text, with its confidence. */
export interface DetectedLanguage {
  /** As the detector answers it; the pipeline checks it against the languages it knows before using it. */
  readonly language: string;
  /** Confidence from 0 to 1. */
  readonly score: number;
}

export interface LanguageDetection {
  /** Most likely first. */
  readonly languages: readonly DetectedLanguage[];
  /** Characters billed (the detector's own rounding included), requests made, retries. */
  readonly usage: TranslationUsage;
}

/**
 * Tells the language of an article whose source language is configured as `auto` (Amazon Comprehend in AWS). It
 * throws a `TranslationError` when it cannot answer, `retryable` when another attempt may.
 */
export interface LanguageDetector {
  /** `amazon-comprehend`, recorded in manifests. */
  readonly engine: string;
  /** The most text one detection reads, in UTF-8 bytes; the pipeline sends a sample of the article within it. */
  readonly maxTextBytes: number;
  /** Texts shorter than this many characters cannot be detected. */
  readonly minTextCharacters: number;
  detect(text: string): Promise<LanguageDetection>;
}

/** What downstream systems are told when a set is published or an article fails. */
export interface PipelineEvent {
  /** `ArticlePublished` (status `complete` or `partial`) or `ArticleFailed`. */
  readonly type: 'ArticlePublished' | 'ArticleFailed';
  /** As in the contract (schemas/completion-event.schema.json): the manifest's or failed record's key and status. */
  readonly detail: CompletionDetailJson;
}

/** Where completion events go: EventBridge in AWS, a file or the console locally. */
export interface EventSink {
  publish(event: PipelineEvent): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export type LogAttributes = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, attributes?: LogAttributes): void;
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
}
