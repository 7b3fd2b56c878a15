import { describe, expect, it } from 'vitest';
import { toTranslationError } from '../../functions/adapters/translate-errors.js';
import { TranslationError } from '../../functions/core/errors.js';

const request = { sourceLanguage: 'auto', targetLanguage: 'de', segments: ['x'] };

function sdkError(name: string, fields: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${name} happened`), { name, ...fields });
}

describe('toTranslationError', () => {
  it.each([
    ['UnsupportedLanguagePairException', /Remove "de"/],
    ['InvalidRequestException', /formality\/profanity/],
    ['TextSizeLimitExceededException', /request packing/],
    ['ResourceNotFoundException', /terminology/],
    ['AccessDeniedException', /translate:TranslateText/],
    // More than one terminology in a request: not a rate, so waiting changes nothing (it was taken for throttling).
    ['LimitExceededException', /one custom terminology/],
  ])('makes %s a non-retryable error saying what to do', (name, advice) => {
    const error = toTranslationError(sdkError(name, { $fault: 'client' }), request);

    expect(error).toBeInstanceOf(TranslationError);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(advice);
    expect(error.message).toContain(name);
  });

  it('names the detected language when detection was not confident', () => {
    const error = toTranslationError(
      sdkError('DetectedLanguageLowConfidenceException', { DetectedLanguageCode: 'nl' }),
      request,
    );

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/best guess: nl.*instead of "auto"/);
  });

  it.each([
    ['ThrottlingException', { $metadata: { httpStatusCode: 400, attempts: 5 } }],
    ['SomethingNew', { $metadata: { httpStatusCode: 429 } }],
    ['TimeoutError', {}],
    ['Error', { code: 'ECONNRESET' }],
    ['InternalServerException', { $fault: 'server', $metadata: { httpStatusCode: 500 } }],
    ['UnknownError', { $metadata: { httpStatusCode: 502 } }],
  ])('makes %s retryable', (name, fields) => {
    expect(toTranslationError(sdkError(name, fields), request).retryable).toBe(true);
  });

  // Every error the TranslateText API reference lists, and the common errors of AWS APIs, by what another attempt
  // could change: the request's own faults come back the same, the service's and the rate's do not.
  it.each([
    ['DetectedLanguageLowConfidenceException', 400, false],
    ['InternalServerException', 500, true],
    ['InvalidRequestException', 400, false],
    ['ResourceNotFoundException', 400, false],
    ['ServiceUnavailableException', 503, true],
    ['TextSizeLimitExceededException', 400, false],
    ['TooManyRequestsException', 400, true],
    ['UnsupportedLanguagePairException', 400, false],
    ['LimitExceededException', 400, false],
    ['AccessDeniedException', 400, false],
    ['IncompleteSignature', 400, false],
    ['InternalFailure', 500, true],
    ['InvalidAction', 400, false],
    ['InvalidClientTokenId', 403, false],
    ['NotAuthorized', 400, false],
    ['OptInRequired', 403, false],
    ['RequestExpired', 400, true],
    ['ExpiredTokenException', 400, true],
    ['ServiceUnavailable', 503, true],
    ['ThrottlingException', 400, true],
    ['ValidationError', 400, false],
    ['UnrecognizedClientException', 400, false],
  ])('%s (HTTP %i) is retryable: %s', (name, httpStatusCode, retryable) => {
    const fault = httpStatusCode >= 500 ? 'server' : 'client';
    const error = toTranslationError(
      sdkError(name, { $fault: fault, $metadata: { httpStatusCode } }),
      request,
    );

    expect(error.retryable).toBe(retryable);
  });

  it('says how many attempts were made', () => {
    const error = toTranslationError(
      sdkError('ThrottlingException', { $metadata: { attempts: 5 } }),
      request,
    );

    expect(error.message).toContain('after 5 attempts');
  });

  it('keeps the original error as the cause', () => {
    const original = sdkError('InvalidRequestException');

    expect(toTranslationError(original, request).cause).toBe(original);
  });

  it('makes an unknown client error non-retryable', () => {
    const error = toTranslationError(
      sdkError('WeirdException', { $metadata: { httpStatusCode: 400 } }),
      request,
    );

    expect(error.retryable).toBe(false);
  });
});
