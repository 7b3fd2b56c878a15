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

/** The key of a terminology that applies to every target language. */
export const EVERY_TARGET_LANGUAGE = '*';

/**
 * Custom terminologies by target language: at most one each, since TranslateText applies one terminology per
 * request (as the AWS Document Translation solution chooses one per target). `*` names one for every target
 * language, and is then the only entry.
 */
export type Terminologies = Readonly<Partial<Record<string, string>>>;

/** The terminology a request into `language` applies, if any. */
export function terminologyFor(terminologies: Terminologies, language: string): string | undefined {
  return terminologies[language] ?? terminologies[EVERY_TARGET_LANGUAGE];
}

/** The distinct terminology names, in the order first named. */
export function terminologyNames(terminologies: Terminologies): string[] {
  return [...new Set(Object.values(terminologies).filter((name): name is string => name !== undefined))];
}

/** The same text for the same map, whatever the order of its entries. */
export function terminologiesId(terminologies: Terminologies): string {
  return JSON.stringify(Object.entries(terminologies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const TERMINOLOGIES_SHAPE =
  'language=NAME pairs such as "es=newsroom-es,fr=newsroom-fr", or one name for every language';

function terminologyName(name: string): Problem[] {
  return name.length <= 256 && TERMINOLOGY_NAME_PATTERN.test(name)
    ? []
    : [
        text(
          `"${name}" is not an Amazon Translate terminology name (letters, digits, "-" and single "_", up to 256).`,
        ),
      ];
}

function twoForOne(language: string, names: readonly string[]): Problem {
  const which = language === EVERY_TARGET_LANGUAGE ? 'every target language' : language;
  return text(
    `${which} would get ${names.length} terminologies (${names.join(', ')}), but Amazon Translate applies one per request: name at most one per target language, e.g. "es=newsroom-es,fr=newsroom-fr".`,
  );
}

/** Entries as given (`es=a`, or a bare name for every language), two for one language refused. */
function fromEntries(entries: readonly (readonly [string, string])[]): Parsed<Terminologies> {
  const byLanguage = new Map<string, string[]>();
  for (const [language, name] of entries) {
    const names = byLanguage.get(language) ?? [];
    if (!names.includes(name)) names.push(name);
    byLanguage.set(language, names);
  }
  const problems = [...byLanguage]
    .filter(([, names]) => names.length > 1)
    .map(([language, names]) => twoForOne(language, names));
  if (problems.length > 0) return invalid(...problems);
  return valid(Object.fromEntries([...byLanguage].map(([language, [name]]) => [language, name ?? ''])));
}

function terminologiesFromText(raw: string): Parsed<Terminologies> {
  const json = parseJsonText(raw);
  if (!json.ok) return json;
  if (typeof json.value !== 'string') return terminologiesFromValue(json.value, raw);
  return fromEntries(
    splitList(json.value).map((item) => {
      const match = /^([^=:]+)[=:](.*)$/.exec(item);
      return match ? [match[1]?.trim() ?? '', match[2]?.trim() ?? ''] : [EVERY_TARGET_LANGUAGE, item];
    }),
  );
}

function terminologiesFromValue(value: unknown, got: unknown): Parsed<Terminologies> {
  if (typeof value === 'string') return terminologiesFromText(value);
  // A list (the shape before one terminology per language): every name would apply to every language.
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return fromEntries(value.map((name: string) => [EVERY_TARGET_LANGUAGE, name.trim()]));
  if (isRecord(value) && Object.values(value).every((name) => typeof name === 'string'))
    return valid(value as Terminologies);
  return invalid({ expected: TERMINOLOGIES_SHAPE, got });
}

/**
 * Custom terminologies, at most one per target language: `es=newsroom-es,fr=newsroom-fr`, a JSON object, or a single
 * name for every target language (`newsroom-names`). Two names for one language are refused, a name for every
 * language besides names for some too.
 */
export const terminologies: ValueKind<Terminologies> = {
  parse: (raw) => (raw.trim() === '' ? valid({}) : terminologiesFromText(raw)),
  read: (value) => terminologiesFromValue(value, value),
  check: (map) => {
    const problems: Problem[] = [];
    const checked: Record<string, string> = {};
    for (const [language, name = ''] of Object.entries(map)) {
      problems.push(...terminologyName(name));
      if (language === EVERY_TARGET_LANGUAGE) {
        checked[language] = name;
        continue;
      }
      const code = languageCode(language);
      if (code.ok) checked[code.value] = name;
      else problems.push(...code.problems);
    }
    const every = checked[EVERY_TARGET_LANGUAGE];
    const named = Object.entries(checked).filter(([language]) => language !== EVERY_TARGET_LANGUAGE);
    if (every !== undefined)
      for (const [language, name] of named)
        if (name !== every) problems.push(twoForOne(language, [every, name]));
    if (problems.length > 0) return invalid(...problems);
    return valid(every !== undefined ? { [EVERY_TARGET_LANGUAGE]: every } : checked);
  },
  format: (map) => JSON.stringify(map),
};

/** Problems of terminologies for languages that are not translated into. */
export function terminologiesOutsideTargets(map: Terminologies, languages: readonly string[]): Problem[] {
  return Object.keys(map)
    .filter((language) => language !== EVERY_TARGET_LANGUAGE && !languages.includes(language))
    .map((language) => text(`${language} is not one of the target languages (${languages.join(', ')}).`));
}

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
