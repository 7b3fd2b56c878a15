/**
 * The languages Amazon Translate translates between, with their RFC 5646 codes, as listed in
 * https://docs.aws.amazon.com/translate/latest/dg/what-is-languages.html. The CDK app, the Lambda config and
 * the CLI validate settings against this one list, so a typo fails before any request is sent.
 */
export const AMAZON_TRANSLATE_LANGUAGES = [
  { code: 'af', name: 'Afrikaans' },
  { code: 'sq', name: 'Albanian' },
  { code: 'am', name: 'Amharic' },
  { code: 'ar', name: 'Arabic' },
  { code: 'hy', name: 'Armenian' },
  { code: 'az', name: 'Azerbaijani' },
  { code: 'bn', name: 'Bengali' },
  { code: 'bs', name: 'Bosnian' },
  { code: 'bg', name: 'Bulgarian' },
  { code: 'ca', name: 'Catalan' },
  { code: 'zh', name: 'Chinese (Simplified)' },
  { code: 'zh-TW', name: 'Chinese (Traditional)' },
  { code: 'hr', name: 'Croatian' },
  { code: 'cs', name: 'Czech' },
  { code: 'da', name: 'Danish' },
  { code: 'fa-AF', name: 'Dari' },
  { code: 'nl', name: 'Dutch' },
  { code: 'en', name: 'English' },
  { code: 'et', name: 'Estonian' },
  { code: 'fa', name: 'Farsi (Persian)' },
  { code: 'tl', name: 'Filipino, Tagalog' },
  { code: 'fi', name: 'Finnish' },
  { code: 'fr', name: 'French' },
  { code: 'fr-CA', name: 'French (Canada)' },
  { code: 'ka', name: 'Georgian' },
  { code: 'de', name: 'German' },
  { code: 'el', name: 'Greek' },
  { code: 'gu', name: 'Gujarati' },
  { code: 'ht', name: 'Haitian Creole' },
  { code: 'ha', name: 'Hausa' },
  { code: 'he', name: 'Hebrew' },
  { code: 'hi', name: 'Hindi' },
  { code: 'hu', name: 'Hungarian' },
  { code: 'is', name: 'Icelandic' },
  { code: 'id', name: 'Indonesian' },
  { code: 'ga', name: 'Irish' },
  { code: 'it', name: 'Italian' },
  { code: 'ja', name: 'Japanese' },
  { code: 'kn', name: 'Kannada' },
  { code: 'kk', name: 'Kazakh' },
  { code: 'ko', name: 'Korean' },
  { code: 'lv', name: 'Latvian' },
  { code: 'lt', name: 'Lithuanian' },
  { code: 'mk', name: 'Macedonian' },
  { code: 'ms', name: 'Malay' },
  { code: 'ml', name: 'Malayalam' },
  { code: 'mt', name: 'Maltese' },
  { code: 'mr', name: 'Marathi' },
  { code: 'mn', name: 'Mongolian' },
  { code: 'no', name: 'Norwegian (Bokmål)' },
  { code: 'ps', name: 'Pashto' },
  { code: 'pl', name: 'Polish' },
  { code: 'pt', name: 'Portuguese (Brazil)' },
  { code: 'pt-PT', name: 'Portuguese (Portugal)' },
  { code: 'pa', name: 'Punjabi' },
  { code: 'ro', name: 'Romanian' },
  { code: 'ru', name: 'Russian' },
  { code: 'sr', name: 'Serbian' },
  { code: 'si', name: 'Sinhala' },
  { code: 'sk', name: 'Slovak' },
  { code: 'sl', name: 'Slovenian' },
  { code: 'so', name: 'Somali' },
  { code: 'es', name: 'Spanish' },
  { code: 'es-MX', name: 'Spanish (Mexico)' },
  { code: 'sw', name: 'Swahili' },
  { code: 'sv', name: 'Swedish' },
  { code: 'ta', name: 'Tamil' },
  { code: 'te', name: 'Telugu' },
  { code: 'th', name: 'Thai' },
  { code: 'tr', name: 'Turkish' },
  { code: 'uk', name: 'Ukrainian' },
  { code: 'ur', name: 'Urdu' },
  { code: 'uz', name: 'Uzbek' },
  { code: 'vi', name: 'Vietnamese' },
  { code: 'cy', name: 'Welsh' },
] as const;

export type AmazonTranslateLanguageCode = (typeof AMAZON_TRANSLATE_LANGUAGES)[number]['code'];

/** The source language value that asks Amazon Translate to detect the language (it calls Amazon Comprehend). */
export const AUTO_SOURCE_LANGUAGE = 'auto';

export type SourceLanguageSetting = AmazonTranslateLanguageCode | typeof AUTO_SOURCE_LANGUAGE;

/**
 * Target languages for which Amazon Translate applies the formality setting (it silently ignores it for the
 * others), from https://docs.aws.amazon.com/translate/latest/dg/customizing-translations-formality.html.
 */
export const FORMALITY_TARGET_LANGUAGES: readonly AmazonTranslateLanguageCode[] = [
  'nl',
  'fr',
  'fr-CA',
  'de',
  'hi',
  'it',
  'ja',
  'ko',
  'pt-PT',
  'es',
  'es-MX',
];

const byLowerCaseCode = new Map<string, AmazonTranslateLanguageCode>(
  AMAZON_TRANSLATE_LANGUAGES.map(({ code }) => [code.toLowerCase(), code]),
);

/** `af (Afrikaans), sq (Albanian), …`: the whole list, for error messages and help text. */
export function describeAmazonTranslateLanguages(): string {
  return AMAZON_TRANSLATE_LANGUAGES.map(({ code, name }) => `${code} (${name})`).join(', ');
}

export function isAmazonTranslateLanguageCode(value: string): value is AmazonTranslateLanguageCode {
  return byLowerCaseCode.get(value.toLowerCase()) === value;
}

export function amazonTranslateLanguageName(code: AmazonTranslateLanguageCode): string {
  return AMAZON_TRANSLATE_LANGUAGES.find((language) => language.code === code)?.name ?? code;
}

export function supportsFormality(code: AmazonTranslateLanguageCode): boolean {
  return FORMALITY_TARGET_LANGUAGES.includes(code);
}

/** A language code Amazon Translate does not know. The message lists every code it does. */
export class UnsupportedLanguageError extends Error {
  override readonly name = 'UnsupportedLanguageError';
  constructor(
    readonly value: string,
    /** Where the value came from, e.g. `languages` or `SOURCE_LANGUAGE`. */
    readonly setting: string,
    extra = '',
  ) {
    super(
      `Unknown language code "${value}" in ${setting}. Amazon Translate supports: ` +
        `${extra}${describeAmazonTranslateLanguages()}.`,
    );
  }
}

/**
 * Returns the canonical code for `value` (case-insensitive, so `zh-tw` gives `zh-TW`), or throws an
 * {@link UnsupportedLanguageError} naming `setting` and listing the valid codes.
 */
export function toAmazonTranslateLanguageCode(value: string, setting: string): AmazonTranslateLanguageCode {
  const code = byLowerCaseCode.get(value.trim().toLowerCase());
  if (code === undefined) {
    throw new UnsupportedLanguageError(value, setting);
  }
  return code;
}

/** Like {@link toAmazonTranslateLanguageCode}, but also accepts `auto` (detect the source language). */
export function toSourceLanguageSetting(value: string, setting: string): SourceLanguageSetting {
  if (value.trim().toLowerCase() === AUTO_SOURCE_LANGUAGE) {
    return AUTO_SOURCE_LANGUAGE;
  }
  const code = byLowerCaseCode.get(value.trim().toLowerCase());
  if (code === undefined) {
    throw new UnsupportedLanguageError(value, setting, `${AUTO_SOURCE_LANGUAGE} (detect), `);
  }
  return code;
}
