/**
 * Quotation marks as the target language prints them. Apertium copies the source's marks, so Spanish text comes
 * back with English “…” or "…" where Spanish writes «…». Curly pairs are mapped as they are; straight double
 * quotes, which do not say which end they are, are paired in order, and only when the translation has as many as
 * the source and they pair up. Apostrophes and single quotes are left alone.
 */

export interface QuoteStyle {
  readonly open: string;
  readonly close: string;
}

/** `text` (a translation of `source`) with its double quotation marks in `style`. */
export function localQuotes(text: string, source: string, style: QuoteStyle): string {
  let out = text;
  if (source.includes('“') || source.includes('”'))
    out = out.replaceAll('“', style.open).replaceAll('”', style.close);
  const straight = (value: string) => value.split('"').length - 1;
  const count = straight(out);
  if (count > 0 && count % 2 === 0 && count === straight(source)) {
    let opening = true;
    out = out.replace(/"/gu, () => {
      const mark = opening ? style.open : style.close;
      opening = !opening;
      return mark;
    });
  }
  return out;
}
