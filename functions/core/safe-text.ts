/**
 * What no published text may hold, whether it came from an upload or from a translation engine: the code points
 * HTML forbids in a document (controls other than tab, line feed, form feed and carriage return; noncharacters),
 * lone surrogates (no UTF-8 can encode them), and bidirectional controls without their partner, which would turn
 * the direction of whatever is shown after the text (a JSON field, a page's next element). Each becomes U+FFFD.
 */
const forbidden = /(?![\t\n\f\r])[\p{Cc}\p{Noncharacter_Code_Point}]|\p{Cs}/gu;
const anyForbidden = new RegExp(forbidden.source, 'u');
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/u;
const REPLACEMENT = '\ufffd';

/** Embeddings and overrides (LRE, RLE, LRO, RLO) end with PDF; isolates (LRI, RLI, FSI) with PDI. */
const EMBEDDINGS = new Set(['\u202a', '\u202b', '\u202d', '\u202e']);
const ISOLATES = new Set(['\u2066', '\u2067', '\u2068']);
const PDF = '\u202c';
const PDI = '\u2069';
/** Bidi paragraph separators (Unicode bidi class B) end every embedding and isolate still open. */
const PARAGRAPH_ENDS = new Set(['\n', '\r', '\u2029']);

/** `text` with every character above replaced by U+FFFD; text without any is returned as it is. */
export function safeText(text: string): string {
  // Tested before replacing: most texts hold nothing to replace, and every sentence and name passes here.
  const cleaned = anyForbidden.test(text) ? text.replace(forbidden, REPLACEMENT) : text;
  return bidiControl.test(cleaned) ? balanceBidi(cleaned) : cleaned;
}

/**
 * Replaces the bidi controls that are not properly paired within their paragraph: a PDF or PDI closing nothing,
 * an opener never closed, and an embedding an isolate's PDI would close on its behalf. Each replacement is one
 * UTF-16 unit for one, so offsets into the text stay valid.
 */
function balanceBidi(text: string): string {
  const unpaired = new Set<number>();
  const open: { readonly index: number; readonly isolate: boolean }[] = [];
  const closeAll = () => {
    for (const { index } of open) unpaired.add(index);
    open.length = 0;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (EMBEDDINGS.has(char) || ISOLATES.has(char)) {
      open.push({ index, isolate: ISOLATES.has(char) });
    } else if (char === PDF) {
      if (open.at(-1)?.isolate === false) open.pop();
      else unpaired.add(index);
    } else if (char === PDI) {
      const isolate = open.findLastIndex((opener) => opener.isolate);
      if (isolate === -1) unpaired.add(index);
      else for (const { index: inner } of open.splice(isolate).slice(1)) unpaired.add(inner);
    } else if (PARAGRAPH_ENDS.has(char)) {
      closeAll();
    }
  }
  closeAll();
  if (unpaired.size === 0) return text;
  let result = '';
  let from = 0;
  for (const index of [...unpaired].sort((a, b) => a - b)) {
    result += text.slice(from, index) + REPLACEMENT;
    from = index + 1;
  }
  return result + text.slice(from);
}
