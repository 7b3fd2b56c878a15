import { describe, expect, it } from 'vitest';
import {
  AMAZON_TRANSLATE_LANGUAGES,
  amazonTranslateLanguageName,
  FORMALITY_TARGET_LANGUAGES,
  isAmazonTranslateLanguageCode,
  supportsFormality,
  toAmazonTranslateLanguageCode,
  toSourceLanguageSetting,
  UnsupportedLanguageError,
} from '../../functions/shared/amazon-translate-languages.js';

describe('AMAZON_TRANSLATE_LANGUAGES', () => {
  it('lists the 75 languages of the Amazon Translate developer guide, each code once', () => {
    const codes = AMAZON_TRANSLATE_LANGUAGES.map(({ code }) => code);

    expect(codes).toHaveLength(75);
    expect(new Set(codes).size).toBe(75);
    expect(codes).toEqual(
      expect.arrayContaining(['es', 'fr', 'de', 'ru', 'zh', 'ar', 'zh-TW', 'fa-AF', 'pt-PT']),
    );
  });

  it('keeps formality to target languages it knows', () => {
    expect(FORMALITY_TARGET_LANGUAGES.every(isAmazonTranslateLanguageCode)).toBe(true);
    expect(supportsFormality('de')).toBe(true);
    expect(supportsFormality('ru')).toBe(false);
  });
});

describe('toAmazonTranslateLanguageCode', () => {
  it('returns the canonical code whatever the case', () => {
    expect(toAmazonTranslateLanguageCode('zh-tw', 'languages')).toBe('zh-TW');
    expect(toAmazonTranslateLanguageCode(' ES ', 'languages')).toBe('es');
    expect(amazonTranslateLanguageName('zh-TW')).toBe('Chinese (Traditional)');
  });

  it('rejects an unknown code, naming the setting and listing every valid code', () => {
    const attempt = () => toAmazonTranslateLanguageCode('xx', 'languages');

    expect(attempt).toThrow(UnsupportedLanguageError);
    expect(attempt).toThrow(
      /^Unknown language code "xx" in languages\. Amazon Translate supports: af \(Afrikaans\), /,
    );
    expect(attempt).toThrow(/zh-TW \(Chinese \(Traditional\)\)/);
    expect(attempt).toThrow(/cy \(Welsh\)\.$/);
  });

  it('does not take auto as a target language', () => {
    expect(() => toAmazonTranslateLanguageCode('auto', 'languages')).toThrow(UnsupportedLanguageError);
  });
});

describe('toSourceLanguageSetting', () => {
  it('accepts auto and any Amazon Translate code', () => {
    expect(toSourceLanguageSetting('AUTO', 'sourceLanguage')).toBe('auto');
    expect(toSourceLanguageSetting('fr-ca', 'sourceLanguage')).toBe('fr-CA');
  });

  it('lists auto among the valid values when rejecting', () => {
    expect(() => toSourceLanguageSetting('english', 'sourceLanguage')).toThrow(
      /^Unknown language code "english" in sourceLanguage\. Amazon Translate supports: auto \(detect\), af /,
    );
  });
});
