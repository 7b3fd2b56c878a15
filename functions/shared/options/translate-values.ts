import {
  type AmazonTranslateLanguageCode,
  FORMALITY_TARGET_LANGUAGES,
  type SourceLanguageSetting,
  supportsFormality,
  toAmazonTranslateLanguageCode,
  toSourceLanguageSetting,
  UnsupportedLanguageError,
} from '../amazon-translate-languages.js';
import { invalid, type Parsed, type Problem, text, valid } from './problems.js';
import { list, parseJsonText, splitList, type ValueKind } from './values.js';

export type Formality = 'FORMAL' | 'INFORMAL';
export type Profanity = 'MASK';
export const FORMALITY_VALUES: readonly Formality[] = ['FORMAL', 'INFORMAL'];
export const PROFANITY_VALUES: readonly Profanity[] = ['MASK'];

/** Amazon Translate settings for one target language (the `Settings` of a TranslateText request). */
export interface TranslationSetting {
  readonly formality?: Formality;
  readonly profanity?: Profanity;
}

export type TranslationSettings = Readonly<Partial<Record<string, TranslationSetting>>>;

/** Amazon Translate's terminology name pattern (ImportTerminology `Name`), up to 256 characters. */
export const TERMINOLOGY_NAME_PATTERN = /^([A-Za-z0-9-]_?)+$/;

function unknownLanguage(value: string, auto = false): Problem {
  return text((where) => new UnsupportedLanguageError(value, where, auto ? 'auto (detect), ' : '').message);
}

function languageCode(value: string): Parsed<AmazonTranslateLanguageCode> {
  try {
    return valid(toAmazonTranslateLanguageCode(value, ''));
  } catch {
    return invalid(unknownLanguage(value));
  }
}

/** Target languages: Amazon Translate codes, in any case (`zh-tw` is `zh-TW`), at least one. */
export const targetLanguages = list('es,fr,de', languageCode, {
  atLeastOne: 'name at least one target language, e.g. "es,fr,de".',
}) as ValueKind<readonly AmazonTranslateLanguageCode[]>;

/** The articles' language: an Amazon Translate code, or `auto`. */
export const sourceLanguage: ValueKind<SourceLanguageSetting> = {
  parse: (raw) => valid(raw.trim() as SourceLanguageSetting),
  read: (value) =>
    typeof value === 'string'
      ? valid(value.trim() as SourceLanguageSetting)
      : invalid({ expected: 'a language code or auto', got: value }),
  check: (value) => {
    try {
      return valid(toSourceLanguageSetting(value, ''));
    } catch {
      return invalid(unknownLanguage(value, true));
    }
  },
  format: (value) => value,
};

export const terminologyNames = list('newsroom-names', (name) =>
  name.length <= 256 && TERMINOLOGY_NAME_PATTERN.test(name)
    ? valid(name)
    : invalid(
        text(
          `"${name}" is not an Amazon Translate terminology name (letters, digits, "-" and single "_", up to 256).`,
        ),
      ),
);

const SETTINGS_SHAPE = 'a JSON object of language → {formality, profanity}';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSetting(code: string, setting: TranslationSetting): Problem[] {
  const { formality, profanity } = setting;
  const problems: Problem[] = [];
  if (formality !== undefined && !FORMALITY_VALUES.includes(formality))
    problems.push({
      part: 'formality',
      path: [code, 'formality'],
      expected: FORMALITY_VALUES.join(' or '),
      got: formality,
    });
  else if (formality !== undefined && !supportsFormality(code as AmazonTranslateLanguageCode))
    problems.push({
      part: 'formality',
      ...text(
        `Amazon Translate ignores formality for ${code}; it applies to ${FORMALITY_TARGET_LANGUAGES.join(', ')}.`,
      ),
    });
  if (profanity !== undefined && !PROFANITY_VALUES.includes(profanity))
    problems.push({ part: 'profanity', path: [code, 'profanity'], expected: 'MASK', got: profanity });
  return problems;
}

/** The context keys (`formality`, `profanity`) that set this language's settings. */
function partsOf(setting: TranslationSetting): ('formality' | 'profanity')[] {
  return (['formality', 'profanity'] as const).filter((part) => setting[part] !== undefined);
}

/**
 * Formality and profanity masking per target language, `{ "de": { "formality": "FORMAL" } }`: known languages,
 * known values, formality only where Amazon Translate applies it. Entries for one language are merged.
 */
export const translationSettings: ValueKind<TranslationSettings> = {
  parse: (raw) => {
    if (raw.trim() === '') return valid({});
    const json = parseJsonText(raw);
    return json.ok && isRecord(json.value) && Object.values(json.value).every(isRecord)
      ? valid(json.value as TranslationSettings)
      : invalid({ expected: SETTINGS_SHAPE, got: raw });
  },
  read: (value) =>
    isRecord(value) && Object.values(value).every(isRecord)
      ? valid(value as TranslationSettings)
      : invalid({ expected: SETTINGS_SHAPE, got: value }),
  check: (settings) => {
    const merged: Record<string, TranslationSetting> = {};
    const problems: Problem[] = [];
    for (const [language, setting = {}] of Object.entries(settings)) {
      const code = languageCode(language);
      if (!code.ok) {
        problems.push(...partsOf(setting).map((part) => ({ ...code.problems[0], part })));
        continue;
      }
      problems.push(...checkSetting(code.value, setting));
      const { formality, profanity } = { ...merged[code.value], ...setting };
      if (formality !== undefined || profanity !== undefined)
        merged[code.value] = {
          ...(formality === undefined ? {} : { formality }),
          ...(profanity === undefined ? {} : { profanity }),
        };
    }
    return problems.length > 0 ? invalid(...problems) : valid(merged);
  },
  format: (settings) => JSON.stringify(settings),
};

/** Problems of settings for languages that are not translated into, each under the key that set it. */
export function settingsOutsideTargets(
  settings: TranslationSettings,
  languages: readonly string[],
): Problem[] {
  return Object.entries(settings).flatMap(([code, setting = {}]) =>
    languages.includes(code)
      ? []
      : partsOf(setting).map((part) => ({
          part,
          ...text(`${code} is not one of the target languages (${languages.join(', ')}).`),
        })),
  );
}

/**
 * Reads the `formality` context key: `{ "de": "FORMAL" }`, `"de=FORMAL,es=INFORMAL"` or `"de:FORMAL"`, values in
 * any case.
 */
export function readFormality(raw: unknown): Parsed<TranslationSettings> {
  const entries = languageMap(raw, 'de=FORMAL,es=INFORMAL');
  if (!entries.ok) return entries;
  return valid(
    Object.fromEntries(
      entries.value.map(([language, value]) => [language, { formality: value.toUpperCase() as Formality }]),
    ),
  );
}

/** Reads the `profanity` context key: the languages to mask, as a list, or a map spelling it out (`es=MASK`). */
export function readProfanity(raw: unknown): Parsed<TranslationSettings> {
  const json = typeof raw === 'string' ? parseJsonText(raw) : valid(raw);
  if (!json.ok) return json;
  const entries: Parsed<[string, string][]> = isRecord(json.value)
    ? languageMap(json.value, 'es=MASK')
    : typeof json.value === 'string'
      ? valid(splitList(json.value).map((language) => [language, 'MASK']))
      : Array.isArray(json.value) && json.value.every((item) => typeof item === 'string')
        ? valid(json.value.map((language: string) => [language.trim(), 'MASK']))
        : invalid({ expected: 'a comma-separated list such as "es,fr"', got: raw });
  if (!entries.ok) return entries;
  return valid(
    Object.fromEntries(
      entries.value.map(([language, value]) => [language, { profanity: value.toUpperCase() as Profanity }]),
    ),
  );
}

function languageMap(raw: unknown, example: string): Parsed<[string, string][]> {
  const json = typeof raw === 'string' ? parseJsonText(raw) : valid(raw);
  if (!json.ok) return json;
  const value = json.value;
  const pairs = `language=VALUE pairs such as "${example}"`;
  if (typeof value === 'string') {
    const entries: [string, string][] = [];
    const problems: Problem[] = [];
    for (const pair of splitList(value)) {
      const match = /^([^=:]+)[=:](.+)$/.exec(pair);
      if (match?.[1] && match[2]) entries.push([match[1].trim(), match[2].trim()]);
      else problems.push({ expected: pairs, got: pair });
    }
    return problems.length > 0 ? invalid(...problems) : valid(entries);
  }
  if (!isRecord(value)) return invalid({ expected: pairs, got: raw });
  const problems = Object.entries(value)
    .filter(([, setting]) => typeof setting !== 'string')
    .map(([language, setting]) =>
      text(`the value for ${language} must be a string, got ${JSON.stringify(setting)}.`),
    );
  return problems.length > 0 ? invalid(...problems) : valid(Object.entries(value) as [string, string][]);
}
