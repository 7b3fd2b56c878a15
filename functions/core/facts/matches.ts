/**
 * Every match of the global pattern `pattern` in `text`, in order, as `[...text.matchAll(pattern)]` gives them.
 * `matchAll` copies its pattern on every call, a cost per sentence that an article of thousands of one-word
 * sentences pays thousands of times; this reads the one pattern object with `exec`.
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    out.push(match);
    // An empty match moves on by one code point, as matchAll does.
    if (match[0] === '') pattern.lastIndex = advance(text, pattern.lastIndex, pattern.unicode);
  }
  pattern.lastIndex = 0;
  return out;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode) return index + 1;
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
