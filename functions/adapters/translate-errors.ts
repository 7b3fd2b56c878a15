import { TranslationError } from '../core/errors.js';
import type { TranslationRequest } from '../core/ports.js';

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
  readonly DetectedLanguageCode?: string;
}

/**
 * Errors another attempt can cure, by name: TranslateText's own (API reference: TooManyRequestsException,
 * InternalServerException, ServiceUnavailableException) and those every AWS API may answer (throttling, internal
 * failures, an expired signature or session, a timeout). Every other documented error is caused by the request or
 * the account and comes back the same: DetectedLanguageLowConfidenceException, InvalidRequestException,
 * ResourceNotFoundException, TextSizeLimitExceededException, UnsupportedLanguagePairException, and
 * LimitExceededException (a limit of the request, such as more than one terminology, not a rate), access and
 * signature errors.
 */
const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
]);
const TRANSIENT = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerException',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'ConcurrentModificationException',
  // The signature was made too long before it arrived, or the session ran out: the next attempt is signed afresh.
  'RequestExpired',
  'ExpiredTokenException',
]);
const NOT_AUTHORIZED = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'NotAuthorized',
  'OptInRequired',
  'CredentialsProviderError',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Why another attempt may succeed, for an error of any AWS API; `undefined` when it would fail alike. */
export type PassingFault = 'throttling' | 'timeout' | 'server';

export function passingFault(error: unknown): PassingFault | undefined {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  if (NOT_AUTHORIZED.has(name)) return undefined;
  if (THROTTLING.has(name) || status === 429) return 'throttling';
  if (TRANSIENT.has(name) || (e.code !== undefined && NETWORK_CODES.has(e.code))) return 'timeout';
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) return 'server';
  return undefined;
}

/** `(Name: message)`, or `(Name)`, for messages. */
export function errorDetail(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = e.name ?? 'Error';
  return e.message ? ` (${name}: ${e.message})` : ` (${name})`;
}

/**
 * Turns what the SDK threw (after its own retries) into a `TranslationError` a user can act on. Throttling,
 * server errors, timeouts and network failures are `retryable`; everything the request itself caused is not.
 */
export function toTranslationError(error: unknown, request: TranslationRequest): TranslationError {
  if (error instanceof TranslationError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const detail = e.message ? ` (${name}: ${e.message})` : ` (${name})`;
  const pair = `${request.sourceLanguage} to ${request.targetLanguage}`;
  const attempts = e.$metadata?.attempts;
  const afterAttempts = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  const status = e.$metadata?.httpStatusCode;
  const options = { cause: error };

  switch (name) {
    case 'UnsupportedLanguagePairException':
      return new TranslationError(
        `Amazon Translate cannot translate ${pair}${detail}. Remove "${request.targetLanguage}" from the target languages or set a supported source language.`,
        false,
        options,
      );
    case 'DetectedLanguageLowConfidenceException':
      return new TranslationError(
        `Amazon Translate could not tell the article's language with confidence${e.DetectedLanguageCode ? ` (best guess: ${e.DetectedLanguageCode})` : ''}. Set the source language explicitly instead of "auto".`,
        false,
        options,
      );
    case 'TextSizeLimitExceededException':
      return new TranslationError(
        `A request to Amazon Translate for ${pair} was over its size limit${detail}. This is a bug in polybrief's request packing: please report it with the article.`,
        false,
        options,
      );
    case 'ResourceNotFoundException':
      return new TranslationError(
        `An Amazon Translate resource for ${pair} was not found${detail}. Check that the configured terminology exists in this account and region (aws translate list-terminologies), or remove it from the settings.`,
        false,
        options,
      );
    case 'LimitExceededException':
      return new TranslationError(
        `Amazon Translate refused the request for ${pair} as over one of its limits${detail}. Another attempt would be refused alike: a request applies one custom terminology at most, so give "${request.targetLanguage}" a single one.`,
        false,
        options,
      );
    case 'InvalidRequestException':
    case 'ValidationException':
    case 'ValidationError':
    case 'InvalidParameterValueException':
      return new TranslationError(
        `Amazon Translate rejected the request for ${pair}${detail}. Check the language codes and the formality/profanity settings for "${request.targetLanguage}" (not every language supports them).`,
        false,
        options,
      );
  }
  if (NOT_AUTHORIZED.has(name)) {
    return new TranslationError(
      `Amazon Translate refused the credentials${detail}. Check the AWS credentials and that the role may call translate:TranslateText (and translate:GetTerminology on its terminologies).`,
      false,
      options,
    );
  }

  if (THROTTLING.has(name) || status === 429) {
    return new TranslationError(
      `Amazon Translate kept throttling the requests for ${pair}${afterAttempts}${detail}. The article can be retried later; lower the translation concurrency or ask for a higher quota if it persists.`,
      true,
      options,
    );
  }
  if (TRANSIENT.has(name) || (e.code !== undefined && NETWORK_CODES.has(e.code))) {
    if (
      name === 'InternalServerException' ||
      name === 'ServiceUnavailableException' ||
      name === 'InternalFailure'
    )
      return new TranslationError(
        `Amazon Translate failed with a server error for ${pair}${afterAttempts}${detail}. The article can be retried later.`,
        true,
        options,
      );
    return new TranslationError(
      `Amazon Translate did not answer in time for ${pair}${afterAttempts}${detail}. The article can be retried later.`,
      true,
      options,
    );
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new TranslationError(
      `Amazon Translate failed with a server error for ${pair}${afterAttempts}${detail}. The article can be retried later.`,
      true,
      options,
    );
  }
  return new TranslationError(`Amazon Translate refused the request for ${pair}${detail}.`, false, options);
}
