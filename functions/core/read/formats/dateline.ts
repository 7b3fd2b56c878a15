const months: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const month =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const day = '(\\d{1,2})(?:st|nd|rd|th)?';
const year = '(\\d{4})';
/** `22nd September 2023`, `September 22, 2023`, `2023-09-22` (and without the year where a dateline omits it). */
const datePattern = `(?:${day}\\s+(?:of\\s+)?${month},?\\s+${year}|${month}\\s+${day},?\\s+${year}|(\\d{4})-(\\d{2})-(\\d{2}))`;
const dash = '\\s*(?:[–—]|--?)\\s*';
const place = "(\\p{Lu}[\\p{L}.'’ -]{1,40}?)";

const pad = (value: number): string => String(value).padStart(2, '0');

function isoDate(match: readonly (string | undefined)[], offset: number): string | undefined {
  const [d1, m1, y1, m2, d2, y2, yi, mi, di] = match.slice(offset, offset + 9);
  const monthName = (m1 ?? m2)?.toLowerCase().replace('.', '');
  const dayValue = Number(d1 ?? d2 ?? di);
  const monthValue = monthName ? months[monthName] : Number(mi);
  const yearValue = Number(y1 ?? y2 ?? yi);
  if (!monthValue || !dayValue || dayValue > 31 || monthValue > 12 || !yearValue) return undefined;
  const date = new Date(Date.UTC(yearValue, monthValue - 1, dayValue));
  if (date.getUTCDate() !== dayValue) return undefined;
  return `${yearValue}-${pad(monthValue)}-${pad(dayValue)}`;
}

export interface DatelineMatch {
  /** Length of the dateline, including the separator that follows it. */
  readonly length: number;
  /** Length of the dateline proper (without the trailing separator and spaces). */
  readonly textLength: number;
  readonly date?: string;
  readonly place?: string;
}

const forms: readonly { pattern: RegExp; datePosition: number; placePosition: number }[] = [
  // 22nd September 2023 – (Moscow) ...
  { pattern: new RegExp(`^${datePattern}${dash}\\(${place}\\)`, 'u'), datePosition: 1, placePosition: 10 },
  // 22 September 2023, Moscow – ...
  { pattern: new RegExp(`^${datePattern},\\s*${place}${dash}`, 'u'), datePosition: 1, placePosition: 10 },
  // Halifax, 4 March 2024 (Agency) – ...
  {
    pattern: new RegExp(`^${place},\\s*${datePattern}(?:\\s*\\([^)]{1,30}\\))?${dash}`, 'u'),
    datePosition: 2,
    placePosition: 1,
  },
  // MOSCOW, September 22, 2023 (Reuters) – ... / MOSCOW (AP) — ...
  {
    pattern: new RegExp(
      `^(\\p{Lu}[\\p{Lu} .'’-]{2,40}?)(?:,\\s*${datePattern})?(?:\\s*\\([^)]{1,30}\\))?${dash}`,
      'u',
    ),
    datePosition: 2,
    placePosition: 1,
  },
];

function titleCase(value: string): string {
  if (value !== value.toUpperCase()) return value;
  return value
    .toLowerCase()
    .replace(
      /(^|[\s'’-])(\p{L})/gu,
      (_, separator: string, letter: string) => separator + letter.toUpperCase(),
    );
}

/** Recognises a dateline opening the article body. */
export function matchDateline(paragraph: string): DatelineMatch | undefined {
  for (const form of forms) {
    const match = form.pattern.exec(paragraph);
    if (!match) continue;
    const date = isoDate(match, form.datePosition);
    const hasDate = match
      .slice(form.datePosition, form.datePosition + 9)
      .some((group) => group !== undefined);
    if (hasDate && !date) continue;
    const rawPlace = match[form.placePosition]?.trim();
    if (!date && !rawPlace) continue;
    if (form.placePosition === 1 && !date && rawPlace && rawPlace !== rawPlace.toUpperCase()) continue;
    const textLength = match[0].replace(/[\s–—-]+$/u, '').length;
    let length = match[0].length;
    while (length < paragraph.length && /\s/u.test(paragraph[length] ?? '')) length++;
    return {
      length,
      textLength,
      ...(date ? { date } : {}),
      ...(rawPlace ? { place: titleCase(rawPlace) } : {}),
    };
  }
  return undefined;
}
