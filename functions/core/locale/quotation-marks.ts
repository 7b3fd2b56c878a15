/**
 * The primary quotation marks each language prints (CLDR's `quotationStart`/`quotationEnd`, as style guides
 * use them), for direct quotes in pages. French sets its guillemets off with narrow no-break spaces.
 */
const marks: Readonly<Record<string, readonly [open: string, close: string]>> = {
  es: ['«', '»'],
  ca: ['«', '»'],
  gl: ['«', '»'],
  eu: ['«', '»'],
  fr: ['«\u202F', '\u202F»'],
  it: ['«', '»'],
  pt: ['“', '”'],
  ru: ['«', '»'],
  uk: ['«', '»'],
  be: ['«', '»'],
  el: ['«', '»'],
  ar: ['«', '»'],
  fa: ['«', '»'],
  ur: ['”', '“'],
  tr: ['“', '”'],
  de: ['„', '“'],
  cs: ['„', '“'],
  sk: ['„', '“'],
  sl: ['„', '“'],
  hr: ['„', '“'],
  bg: ['„', '“'],
  lt: ['„', '“'],
  et: ['„', '“'],
  is: ['„', '“'],
  ro: ['„', '”'],
  pl: ['„', '”'],
  hu: ['„', '”'],
  nl: ['‘', '’'],
  sv: ['”', '”'],
  fi: ['”', '”'],
  da: ['“', '”'],
  nb: ['«', '»'],
  no: ['«', '»'],
  he: ['”', '”'],
  ja: ['「', '」'],
  zh: ['“', '”'],
  'zh-TW': ['「', '」'],
  ko: ['“', '”'],
  eo: ['“', '”'],
  en: ['“', '”'],
};

/** Opening and closing quotation marks of a language (English ones where it has none listed). */
export function quotationMarks(language: string): readonly [open: string, close: string] {
  return marks[language] ?? marks[language.split('-')[0] ?? ''] ?? ['“', '”'];
}

/** Quotation marks a quote's text may still carry at its ends, in any language. */
const QUOTE_ENDS = /^[\s"'“”„‟‘’‚‛«»‹›「」『』]+|[\s"'“”„‟‘’‚‛«»‹›「」『』]+$/gu;

/** The words of a direct quote between the language's own marks, whatever marks they came with. */
export function quoted(text: string, language: string): string {
  const [open, close] = quotationMarks(language);
  return `${open}${text.replace(QUOTE_ENDS, '')}${close}`;
}
