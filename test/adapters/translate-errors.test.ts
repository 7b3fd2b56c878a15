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
