/**
 * Figures written the target language's way. Apertium copies numbers as they are, so "800,000" and "3.5" come back
 * in English notation, which reads as 800 and 3,500 thousandths in languages that group with a point and write
 * decimals after a comma. The styles are each language's academy's: a decimal comma everywhere; thousands grouped by
 * a (no-break) space from five digits on in Spanish (RAE), Galician (RAG) and Esperanto (PMEG), by a point from four
 * digits on in Catalan (IEC).
 */

export interface NumberStyle {
  /** What separates groups of three digits. */
  readonly group: string;
  /** The fewest digits of a whole part that is grouped (4: "1.000"; 5: "1000" but "10 000"). */
  readonly groupFrom: number;
  readonly decimal: string;
}

/** RAE, RAG, PMEG: `10 000`, `3850`, `4,2`. */
export const SPACE_GROUPS: NumberStyle = { group: '\u00a0', groupFrom: 5, decimal: ',' };
/** IEC: `10.000`, `3.850`, `4,2`. */
export const POINT_GROUPS: NumberStyle = { group: '.', groupFrom: 4, decimal: ',' };

/**
 * A figure in English notation: grouped by commas, or with a decimal point, or both. Not part of a longer run of
 * digits, points and commas (`1.2.3`, `192.168.0.1`), nor glued to a word before it (`v2.5`, `A4.5`).
 */
const ENGLISH_FIGURE =
  /(?<![\p{L}\p{N}]|[\p{N}][.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\p{N}]|[.,]\p{N})/gu;
/** A time of day written with a point (`10.30am`, `7.15 p.m.`) is not a decimal. */
const TIME_AFTER = /^\s?(?:am|pm|a\.m\.|p\.m\.|h\b)/iu;

/** The figures of `source` in English notation that say something a target language writes otherwise. */
function englishFigures(source: string): Set<string> {
  const figures = new Set<string>();
  for (const match of source.matchAll(ENGLISH_FIGURE)) {
    const [figure, whole = '', fraction] = match;
    if (!whole.includes(',') && fraction === undefined) continue;
    if (fraction !== undefined && TIME_AFTER.test(source.slice((match.index ?? 0) + figure.length))) continue;
    figures.add(figure);
  }
  return figures;
}

function styled(whole: string, fraction: string | undefined, style: NumberStyle): string {
  const digits = whole.replaceAll(',', '');
  let grouped = digits;
  if (digits.length >= style.groupFrom) {
    grouped = digits.replace(/\B(?=(?:\d{3})+$)/gu, style.group);
  }
  return fraction === undefined ? grouped : `${grouped}${style.decimal}${fraction}`;
}

/**
 * What writes a translation's figures that `source` writes in English notation in `style`: the source is read
 * once, for all the pieces of text of its translation. Only figures of the source are touched, so nothing the
 * engine wrote itself changes.
 */
export function figureStyler(source: string, style: NumberStyle): (text: string) => string {
  const figures = englishFigures(source);
  if (figures.size === 0) return (text) => text;
  return (text) =>
    text.replace(ENGLISH_FIGURE, (figure, whole: string, fraction: string | undefined) =>
      figures.has(figure) ? styled(whole, fraction, style) : figure,
    );
}

/** `text` (a translation of `source`) with the source's figures in English notation written in `style`. */
export function styleFigures(text: string, source: string, style: NumberStyle): string {
  return figureStyler(source, style)(text);
}
