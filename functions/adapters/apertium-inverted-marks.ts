/**
 * Spanish opens a question with "¿" and an exclamation with "¡" where it begins ("¿Por qué una organización...?"),
 * which eng-spa never writes. A question begins at its sentence's start, or inside the quotation it closes in
 * («¿Vienes?»). Tags are never looked into, and a sentence that already has its opening mark is left as it is.
 */

const OPENING: Readonly<Record<string, string>> = { '?': '¿', '!': '¡' };
/** Openers of a quotation or an aside a question can begin inside, and their closers. */
const QUOTE_OPENERS = new Set(['«', '“', '‘', '(']);
const QUOTE_CLOSERS = new Set(['»', '”', '’', ')']);

/** `html` (text or inline HTML) with each question and exclamation opened by its inverted mark. */
export function invertedMarks(html: string): string {
  const inserts: { at: number; mark: string }[] = [];
  // Where the current sentence starts (its first character, or the tag before it), where its open quotation's
  // words start, and the opening marks it has.
  let start = -1;
  let quote = -1;
  let opened = new Set<string>();
  let boundary = true;
  for (let index = 0; index < html.length; index++) {
    const char = html[index] as string;
    if (char === '<') {
      const end = html.indexOf('>', index);
      if (end < 0) break;
      if (boundary && start < 0) start = index;
      index = end;
      continue;
    }
    if (/\s/u.test(char)) continue;
    if (boundary) {
      if (start < 0) start = index;
      boundary = false;
      quote = -1;
      opened = new Set();
    }
    if (QUOTE_OPENERS.has(char)) quote = index + 1;
    else if (QUOTE_CLOSERS.has(char)) quote = -1;
    if (char === '¿' || char === '¡') opened.add(char);
    const mark = OPENING[char];
    if (mark) {
      if (!opened.has(mark)) inserts.push({ at: quote >= 0 ? quote : start, mark });
      opened.add(mark);
    }
    // A sentence ends at a full stop, question or exclamation mark followed by a space, a tag or nothing.
    const next = html[index + 1];
    if (/[.!?…]/u.test(char) && (next === undefined || next === '<' || /\s/u.test(next))) {
      boundary = true;
      start = -1;
    }
  }
  if (inserts.length === 0) return html;
  let out = '';
  let last = 0;
  for (const { at, mark } of inserts.sort((a, b) => a.at - b.at)) {
    out += `${html.slice(last, at)}${mark}`;
    last = at;
  }
  return out + html.slice(last);
}
