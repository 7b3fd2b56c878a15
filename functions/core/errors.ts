import { deploymentName, type SettingName } from './settings.js';

/** What to do, as text, or written once it is known how the reader names a setting (`--max-article-bytes`). */
export type Hint = string | ((nameOf: SettingName) => string);

import type { TranslationUsage } from './ports.js';

/**
 * An article that cannot be published as it is. Its message says what is wrong and its `hint` what to do;
 * both go into the `failed/<articleId>.json` record. Retrying does not help, so these are never retried.
 */
export class ArticleError extends Error {
  override readonly name: string = 'ArticleError';
  readonly #hint: Hint;
  constructor(
    /** Stable machine-readable reason, e.g. `empty`, `binary`, `too-large`. */
    readonly code: string,
    message: string,
    hint: Hint,
    /** Each thing wrong, when there are several (the failed record lists them). */
    readonly problems?: readonly string[],
  ) {
    super(message);
    this.#hint = hint;
  }

  /** What to do, each setting named as `nameOf` names it (the command line's flags, the deployment's keys). */
  hintFor(nameOf: SettingName): string {
    return typeof this.#hint === 'string' ? this.#hint : this.#hint(nameOf);
  }

  /** What to do, settings named as the deployment names them. */
  get hint(): string {
    return this.hintFor(deploymentName);
  }
}

export class ArticleTooLargeError extends ArticleError {
  override readonly name = 'ArticleTooLargeError';
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(
      'too-large',
      `The article is ${size} bytes, over the limit of ${maxBytes} bytes.`,
      (nameOf) => `Split the article, or raise the limit (${nameOf('maxArticleBytes')}).`,
    );
  }
}

export class ArticleNotFoundError extends ArticleError {
  override readonly name = 'ArticleNotFoundError';
  constructor(key: string) {
    super(
      'not-found',
      `The object ${key} no longer exists (it was deleted or replaced before it could be read).`,
      'Upload the article again if it should be published.',
    );
  }
}

/** What the pipeline asked of its store when a permission was missing. */
export type StorageOperation = 'read' | 'write';

/**
 * The store refused a request for want of a permission (S3's `AccessDenied`). Another attempt cannot change
 * that until the permission is granted, so it is an `ArticleError`: the article gets a failed record
 * (`access-denied`) when one can still be written, and is not retried.
 */
export class StorageAccessDeniedError extends ArticleError {
  override readonly name = 'StorageAccessDeniedError';
  constructor(
    readonly operation: StorageOperation,
    readonly key: string,
    /** The permissions to grant, as the store names them (`s3:GetObject on ...`). */
    readonly permissions: readonly string[],
    detail: string,
  ) {
    super(
      'access-denied',
      `The bucket refused to let polybrief ${operation} ${key} (${detail}).`,
      `Grant the function's role ${permissions.join(', and ')}; then upload the article again.`,
    );
  }
}

export interface TranslationErrorOptions extends ErrorOptions {
  /** What the engine billed for this language before it failed (requests it answered). */
  readonly usage?: TranslationUsage;
}

/** A translation that failed for one language. `retryable` failures are worth another delivery. */
export class TranslationError extends Error {
  override readonly name = 'TranslationError';
  readonly usage: TranslationUsage | undefined;
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: TranslationErrorOptions,
  ) {
    super(message, options);
    this.usage = options?.usage;
  }

  /** The same failure, with what was billed before it. */
  withUsage(usage: TranslationUsage): TranslationError {
    return new TranslationError(this.message, this.retryable, {
      ...(this.cause === undefined ? {} : { cause: this.cause }),
      usage,
    });
  }
}

/**
 * A conditional write (`ifMatch`, `ifNoneMatch`) whose condition did not hold: another writer changed the object
 * first. Nothing was written; read the object again and retry.
 */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`The object ${key} was changed by another writer (its condition did not hold).`, options);
  }
}
