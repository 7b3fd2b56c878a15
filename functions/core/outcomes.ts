import type { FailedRecordJson, LanguageErrorJson, TranslationAccountingJson } from './contract.js';

/** What `processArticle` is given and what it returns. */

/** What translating a language cost, as the manifest's accounting has it (which adds the reviewed sentences). */
export type LanguageUsage = Omit<TranslationAccountingJson, 'reviewedSentences'>;

/** An object to process, as an S3 event names it (key already URL-decoded). */
export interface ArticleRef {
  readonly key: string;
  readonly versionId?: string;
  readonly etag?: string;
}

export interface PublishedOutcome {
  readonly status: 'published' | 'partial';
  readonly articleId: string;
  readonly key: string;
  readonly manifestKey: string;
  readonly languages: readonly string[];
  readonly htmlKeys: Readonly<Record<string, string>>;
  readonly errors: readonly LanguageErrorJson[];
  /** True when a failed language may succeed on another delivery (throttling, timeouts). */
  readonly retryable: boolean;
  readonly usage: Readonly<Record<string, LanguageUsage>>;
  /** Translation time per language, for latency metrics. */
  readonly languagesMs: Readonly<Record<string, number>>;
}

export interface UnchangedOutcome {
  readonly status: 'unchanged';
  readonly articleId: string;
  readonly key: string;
  readonly manifestKey: string;
  /** The languages of the set that stands, as its manifest lists them. */
  readonly languages: readonly string[];
  readonly htmlKeys: Readonly<Record<string, string>>;
}

export interface FailedOutcome {
  readonly status: 'failed';
  readonly articleId: string;
  readonly key: string;
  readonly failedKey: string;
  readonly error: FailedRecordJson['error'];
}

export interface IgnoredOutcome {
  readonly status: 'ignored';
  readonly key: string;
  readonly reason: string;
}

export type ArticleOutcome = PublishedOutcome | UnchangedOutcome | FailedOutcome | IgnoredOutcome;

/** True for an outcome, false for a stage's result to carry on with (those have no `status`). */
export function isOutcome<T extends object>(value: T | ArticleOutcome): value is ArticleOutcome {
  return 'status' in value;
}
