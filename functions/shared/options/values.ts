import { invalid, type Parsed, type Problem, text, valid } from './problems.js';

/**
 * How one kind of option value is read, checked and written back, the same on every surface:
 *
 * - `parse` reads text (an environment variable, a flag, `-c key=value`): the syntax, and the lower bound of a
 *   number, so `-c maxArticleBytes=2MB` says "expected a whole number of at least 1";
 * - `read` reads a JSON value (cdk.json, or a JSON string on the command line), where that differs from text;
 * - `check` is the rule every value meets, given however it was set (construct props are only checked): a range,
 *   known codes; it also makes the value canonical (`zh-tw` → `zh-TW`, duplicates dropped);
 * - `format` writes a value as text for the Lambda environment, so that `parse` gives it back.
 */
export interface ValueKind<T> {
  readonly parse: (text: string) => Parsed<T>;
  readonly read?: (value: unknown) => Parsed<T>;
  readonly check?: (value: T) => Parsed<T>;
  readonly format: (value: T) => string;
  /** The values allowed, for a choice. */
  readonly choices?: readonly string[];
}

/** Reads a JSON value with the kind: strings are parsed as text, other values by `read` or refused. */
export function readValue<T>(kind: ValueKind<T>, value: unknown): Parsed<T> {
  if (kind.read) return kind.read(value);
  if (typeof value === 'string') return kind.parse(value);
  return kind.parse(JSON.stringify(value));
}

/** Parses and checks text: what every text surface does with a value. */
export function parseAndCheck<T>(kind: ValueKind<T>, raw: string): Parsed<T> {
  const parsed = kind.parse(raw);
  return parsed.ok && kind.check ? kind.check(parsed.value) : parsed;
}

export function check<T>(kind: ValueKind<T>, value: T): Parsed<T> {
  return kind.check ? kind.check(value) : valid(value);
}

/** `a or b`, `one of a, b, c`. */
export function alternatives(values: readonly string[]): string {
  return values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;
}

export interface WholeNumberRule {
  readonly min: number;
  readonly max?: number;
  /** What to say instead of "a whole number of at least min" / "from min to max". */
  readonly expected?: string;
}

export function wholeNumber({
  min,
  max = Number.MAX_SAFE_INTEGER,
  expected,
}: WholeNumberRule): ValueKind<number> {
  const atLeast = expected ?? `a whole number of at least ${min}`;
  const within = expected ?? `a whole number from ${min} to ${max}`;
  const fromNumber = (value: unknown, got: unknown): Parsed<number> =>
    typeof value === 'number' && Number.isInteger(value) && value >= min
      ? valid(value)
      : invalid({ expected: atLeast, got });
  return {
    parse: (raw) => fromNumber(Number(raw.trim()), raw),
    read: (value) => fromNumber(typeof value === 'string' ? Number(value.trim()) : value, value),
    check: (value) =>
      Number.isInteger(value) && value >= min && value <= max
        ? valid(value)
        : invalid({ expected: within, got: value }),
    format: String,
  };
}

/** A number of zero or more, such as a price. */
export function amount(expected: string): ValueKind<number> {
  const fromNumber = (value: unknown, got: unknown): Parsed<number> =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? valid(value)
      : invalid({ expected, got });
  return {
    parse: (raw) => fromNumber(raw.trim() === '' ? Number.NaN : Number(raw.trim()), raw),
    read: (value) => fromNumber(typeof value === 'string' ? Number(value.trim()) : value, value),
    check: (value) => fromNumber(value, value),
    format: String,
  };
}

export interface ChoiceRule {
  /** Read text in this case (`Brief` is `brief`). */
  readonly fold?: 'lower' | 'upper';
  /** What the values mean. */
  readonly note?: string;
}

export function choice<T extends string>(
  values: readonly T[],
  { fold, note }: ChoiceRule = {},
): ValueKind<T> {
  const problem = (got: unknown): Problem => ({
    expected: alternatives(values),
    got,
    choices: values,
    ...(note ? { note } : {}),
  });
  const fromText = (raw: string, got: unknown): Parsed<T> => {
    const value =
      fold === 'lower' ? raw.trim().toLowerCase() : fold === 'upper' ? raw.trim().toUpperCase() : raw;
    return values.includes(value as T) ? valid(value as T) : invalid(problem(got));
  };
  return {
    parse: (raw) => fromText(raw, raw),
    read: (value) => (typeof value === 'string' ? fromText(value, value) : invalid(problem(value))),
    check: (value) => (values.includes(value) ? valid(value) : invalid(problem(value))),
    format: (value) => value,
    choices: values,
  };
}

/** The kind's values, or none: nothing given reads as none, and none is always valid. */
export function orNone<T>(kind: ValueKind<T>): ValueKind<T | undefined> {
  return {
    parse: (raw) => (raw.trim() === '' ? valid(undefined) : kind.parse(raw)),
    read: (value) => (value === undefined || value === null ? valid(undefined) : readValue(kind, value)),
    check: (value) => (value === undefined ? valid(undefined) : check(kind, value)),
    format: (value) => (value === undefined ? '' : kind.format(value)),
    ...(kind.choices ? { choices: kind.choices } : {}),
  };
}

/** Free text: a path, a name. */
export const plainText: ValueKind<string> = {
  parse: (raw) => valid(raw),
  format: (value) => value,
};

/** Text, or nothing when empty (`EVENT_BUS_NAME=` turns completion events off). */
export const optionalName: ValueKind<string | undefined> = {
  parse: (raw) => valid(raw.trim() === '' ? undefined : raw.trim()),
  format: (value) => value ?? '',
};

/** On or off; only flags take it, so it is never parsed from text. */
export const flag: ValueKind<boolean> = {
  parse: (raw) => valid(raw !== 'false'),
  format: String,
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emailAddress: ValueKind<string> = {
  parse: (raw) =>
    EMAIL.test(raw.trim()) ? valid(raw.trim()) : invalid({ expected: 'an email address', got: raw }),
  read: (value) =>
    typeof value === 'string' && EMAIL.test(value.trim())
      ? valid(value.trim())
      : invalid({ expected: 'an email address', got: value }),
  check: (value) =>
    EMAIL.test(value) ? valid(value) : invalid({ expected: 'an email address', got: value }),
  format: (value) => value,
};

const BASE_URL_EXPECTED =
  'an absolute https: or http: URL without query or fragment, such as https://news.example.org/';

/**
 * The address a folder is served at, that keys are appended to: an absolute `https:` (or `http:`) URL with a host,
 * no credentials, query or fragment, made to end in `/` (`https://news.example.org/site` is
 * `https://news.example.org/site/`).
 */
export const baseUrl: ValueKind<string> = {
  parse: (raw) => baseUrlOf(raw.trim(), raw),
  read: (value) =>
    typeof value === 'string'
      ? baseUrlOf(value.trim(), value)
      : invalid({ expected: BASE_URL_EXPECTED, got: value }),
  check: (value) => baseUrlOf(value, value),
  format: (value) => value,
};

function baseUrlOf(text: string, got: unknown): Parsed<string> {
  const refused = invalid<string>({ expected: BASE_URL_EXPECTED, got });
  // The URL parser drops an empty `?` or `#`, so they are refused as written.
  if (/[?#]/.test(text)) return refused;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return refused;
  if (url.username !== '' || url.password !== '') return refused;
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return valid(url.href);
}

/** `[...]` and `{...}` given as text are JSON (`-c 'languages=["de","es"]'`). */
export function parseJsonText(raw: string): Parsed<unknown> {
  if (!/^\s*[[{]/.test(raw)) return valid(raw);
  try {
    return valid(JSON.parse(raw));
  } catch {
    return invalid(text(`${raw} is not valid JSON.`));
  }
}

/** `es, fr` → `['es', 'fr']`: comma-separated text, blanks dropped. */
export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * A list of names: comma-separated text, a JSON list, or a list. `eachOf` checks and canonicalizes one item;
 * duplicates are dropped after it.
 */
export function list(
  example: string,
  eachOf: (item: string) => Parsed<string>,
  { atLeastOne }: { readonly atLeastOne?: string } = {},
): ValueKind<readonly string[]> {
  const fromValue = (value: unknown, got: unknown): Parsed<readonly string[]> => {
    // Duplicates as written are dropped here already (`es,es`), canonical ones (`zh-tw,zh-TW`) by `check`.
    if (typeof value === 'string') return valid([...new Set(splitList(value))]);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      return valid([...new Set(value.map((item) => item.trim()).filter((item) => item !== ''))]);
    return invalid({ expected: `a comma-separated list such as "${example}"`, got });
  };
  const fromJson = (value: unknown): Parsed<readonly string[]> => {
    const json = typeof value === 'string' ? parseJsonText(value) : valid(value);
    const items = json.ok ? fromValue(json.value, value) : json;
    return items.ok && items.value.length === 0 && atLeastOne ? invalid(text(atLeastOne)) : items;
  };
  return {
    parse: fromJson,
    read: fromJson,
    check: (values) => {
      if (values.length === 0 && atLeastOne) return invalid(text(atLeastOne));
      const items = values.map(eachOf);
      const problems = items.flatMap((item) => (item.ok ? [] : item.problems));
      if (problems.length > 0) return invalid(...problems);
      return valid([...new Set(items.map((item) => (item.ok ? item.value : '')))]);
    },
    format: (values) => values.join(','),
  };
}
