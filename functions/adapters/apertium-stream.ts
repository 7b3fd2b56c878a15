/**
 * Apertium's stream format, written and read here instead of by `apertium-destxt` / `apertium-retxt` (two
 * processes per request otherwise), for one segment per request:
 *
 * - plain text goes in as `apertium-destxt` writes a one-line text: reserved characters escaped, runs of
 *   whitespace or `~` other than a single space as superblanks, a full stop appended (the tagger needs a sentence
 *   end), and, instead of destxt's final empty superblank, a sequence marker `[pbs:N]` that must come back as the
 *   answer's last superblank: an answer that belongs to another request (a shifted pipe) is recognised;
 * - inline HTML (functions/core/inline-html.ts) goes in as text whose marked words carry word-bound blanks
 *   (`[[pb:2]]word[[/]]`, the format transfuse gives Apertium ≥ 3.7), which the transfer modules move with the
 *   words they are attached to, so a mark follows its words through reordering ("the red car" → "el coche
 *   rojo"); content that must stay as it is (`translate=no`) carries `[[pbk:N]]`, and its lexical units are merged
 *   into one proper noun after analysis (see `protectLexicalUnits`); empty elements (`<br>`) become superblanks.
 */
import {
  escapeInlineText,
  type InlineToken,
  inlineHtmlText,
  tokenizeInlineHtml,
} from '../core/inline-html.js';

const RESERVED = /[\\^$/<>{}[\]@]/gu;

export function escapeStream(text: string): string {
  return text.replace(RESERVED, (char) => `\\${char}`);
}

function unescapeStream(text: string): string {
  return text.replace(/\\(.)/gsu, '$1');
}

/** Text with format blanks: runs of spaces, tabs, line breaks and `~` other than one space become superblanks. */
function blanked(text: string): string {
  return escapeStream(text).replace(/[ \t\n\r~]+/gu, (run) => (run === ' ' ? run : `[${run}]`));
}

/** The word-bound blank of text outside every element. */
const OUTSIDE = 'pbo';

function marker(sequence: number): string {
  return `[pbs:${sequence}]`;
}

/** Rewrites text before it becomes the stream (the repairs); never given the text of kept elements. */
export type SourceRewrite = (text: string) => string;

const asIs: SourceRewrite = (text) => text;

/** A one-line text as Apertium's stream, ended by the marker of request `sequence`. */
export function textToStream(text: string, sequence: number, rewrite: SourceRewrite = asIs): string {
  return `${blanked(rewrite(text))}.${marker(sequence)}`;
}

/** An inline element of a segment, by its `id`. */
interface Element {
  readonly name: string;
  readonly keep: boolean;
  readonly open: string;
  /** The element as sent, open tag to close tag (what a kept element comes back as). */
  source: string;
}

export interface HtmlSegment {
  readonly stream: string;
  /** Elements by id, to put the answer back into inline HTML. */
  readonly elements: ReadonlyMap<number, Element>;
}

function blankIds(ids: readonly number[], elements: ReadonlyMap<number, Element>): string {
  return ids.map((id) => `${elements.get(id)?.keep ? 'pbk' : 'pb'}:${id}`).join(';');
}

/**
 * Inline HTML as Apertium's stream: every run of non-blank text inside elements carries a word-bound blank
 * naming the ids of the elements around it. Elements without an id (which the core never sends) are dropped.
 */
export function htmlToStream(html: string, sequence: number, rewrite: SourceRewrite = asIs): HtmlSegment {
  const elements = new Map<number, Element>();
  const stack: { id: number | undefined; start: number }[] = [];
  let stream = '';
  const sourceParts: string[] = [];
  const tokens = tokenizeInlineHtml(html);
  for (const token of tokens) {
    const raw = token.type === 'text' ? escapeInlineText(token.text) : token.raw;
    sourceParts.push(raw);
    if (token.type === 'open') {
      if (token.id !== undefined && !elements.has(token.id)) {
        elements.set(token.id, { name: token.name, keep: token.keep, open: token.raw, source: '' });
      }
      stack.push({ id: token.id, start: sourceParts.length - 1 });
      continue;
    }
    if (token.type === 'close') {
      const top = stack.pop();
      const element = top?.id === undefined ? undefined : elements.get(top.id);
      if (element && top) element.source = sourceParts.slice(top.start).join('');
      continue;
    }
    if (token.type === 'void') {
      if (token.id !== undefined) {
        elements.set(token.id, { name: token.name, keep: false, open: token.raw, source: token.raw });
        stream += `[br:${token.id}]`;
      }
      continue;
    }
    const kept = stack.some((entry) => entry.id !== undefined && elements.get(entry.id)?.keep);
    stream += textRun(kept ? token : { type: 'text', text: rewrite(token.text) }, stack, elements);
  }
  return { stream: `${stream}.${marker(sequence)}`, elements };
}

function textRun(
  token: Extract<InlineToken, { type: 'text' }>,
  stack: readonly { id: number | undefined }[],
  elements: ReadonlyMap<number, Element>,
): string {
  const ids = stack.flatMap((entry) => (entry.id === undefined ? [] : [entry.id]));
  // Text outside elements carries a blank too, so that a word transfer adds (no blank) can be told from a
  // word of the source outside the element (a blank without its id) when checking that elements stay whole.
  const blank = ids.length === 0 ? OUTSIDE : blankIds(ids, elements);
  // One blank over the whole run, single spaces included: the analyser still finds multiword units inside it
  // ("North Carolina" → "Carolina del Norte"), which a blank per word would split. Other blanks stay outside.
  return token.text
    .split(/((?:[ \t\n\r~]*[\t\n\r~][ \t\n\r~]*)|^ +| +$)/u)
    .map((part, index) => {
      if (part === '') return '';
      if (index % 2 === 1)
        return part === ' '
          ? part
          : part.trim() === '' && !/[\t\n\r~]/u.test(part)
            ? part
            : `[${escapeStream(part)}]`;
      return `[[${blank}]]${escapeStream(part)}[[/]]`;
    })
    .join('');
}

/** A piece of an answer: text, the ids of the word-bound blank it carried, or an empty element. */
interface Piece {
  readonly text: string;
  readonly ids: readonly number[];
  /** Carried a word-bound blank: a word of the source, not one transfer added. */
  readonly sourced: boolean;
  readonly voidId?: number;
}

export class StreamMarkerError extends Error {
  override readonly name = 'StreamMarkerError';
}

/** Splits an answer into pieces, checking and removing the request's marker and destxt's full stop. */
function piecesOf(stream: string, sequence: number): Piece[] {
  const expected = marker(sequence);
  const end = stream.lastIndexOf('[pbs:');
  const found = end < 0 ? undefined : /^\[pbs:\d+\]/u.exec(stream.slice(end))?.[0];
  if (found !== expected) {
    throw new StreamMarkerError(
      found === undefined
        ? `the answer carries no request marker (expected ${expected})`
        : `the answer belongs to another request (${found} instead of ${expected})`,
    );
  }
  let body = stream.slice(0, end);
  // The full stop the input was given; an answer whose transfer dropped it keeps what it has.
  if (body.endsWith('.') && !body.endsWith('\\.')) body = body.slice(0, -1);
  const pieces: Piece[] = [];
  const pattern =
    /\[\[([^\]]*)\]\]((?:\\.|[^\\[])*?)\[\[\/\]\]|\[br:(\d+)\]|\[((?:\\.|[^\\\]])*)\]|((?:\\.|[^\\[])+)/gsu;
  for (const match of body.matchAll(pattern)) {
    if (match[1] !== undefined) {
      const ids = [...match[1].matchAll(/pbk?:(\d+)/gu)].map((id) => Number(id[1]));
      pieces.push({ text: unescapeStream(match[2] ?? ''), ids, sourced: true });
    } else if (match[3] !== undefined) {
      pieces.push({ text: '', ids: [], sourced: false, voidId: Number(match[3]) });
    } else {
      pieces.push({ text: unescapeStream(match[4] ?? match[5] ?? ''), ids: [], sourced: false });
    }
  }
  return pieces;
}

/** The text of an answer to `textToStream`. Throws `StreamMarkerError` when it is not this request's answer. */
export function streamToText(stream: string, sequence: number): string {
  return piecesOf(stream, sequence)
    .map((piece) => piece.text)
    .join('');
}

/**
 * The runs of pieces that carry each id: pieces next to each other, with blanks and words transfer added
 * between them allowed. An element whose words are no longer next to each other (transfer moved a word of the
 * source between them) has two runs.
 */
function runsOf(pieces: readonly Piece[]): { id: number; first: number; last: number }[] {
  const runs: { id: number; first: number; last: number }[] = [];
  const open = new Map<number, { id: number; first: number; last: number }>();
  pieces.forEach((piece, index) => {
    const ids = piece.voidId === undefined ? piece.ids : [piece.voidId];
    const neutral = ids.length === 0 && (!piece.sourced || piece.text.trim() === '');
    for (const [id, run] of open) {
      if (!ids.includes(id) && !neutral) open.delete(id);
      else if (ids.includes(id)) run.last = index;
    }
    for (const id of ids) {
      if (open.has(id)) continue;
      const run = { id, first: index, last: index };
      runs.push(run);
      open.set(id, run);
    }
  });
  return runs;
}

/**
 * A kept element as it comes back: its source, with the words transfer generated as one form with it kept
 * around it (Catalan's "per Congress", "de John Dunlap" under one blank); the name itself is the merged noun's
 * lemma, its own text, with a mark of an unknown word before it dropped. A name the engine changed leaves only
 * the source.
 */
function keptWithNeighbours(
  pieces: readonly Piece[],
  source: string,
): { readonly before: string; readonly source: string; readonly after: string } {
  const text = pieces.map((piece) => piece.text).join('');
  const name = inlineHtmlText(source);
  const at = name === '' ? -1 : text.indexOf(name);
  if (at < 0) return { before: '', source, after: '' };
  const before = text.slice(0, at).replace(/[@#]$/u, '');
  return { before: escapeInlineText(before), source, after: escapeInlineText(text.slice(at + name.length)) };
}

/**
 * The answer to `htmlToStream` as inline HTML again: each element around the pieces that carry its id. An
 * element whose words were pulled apart comes back as two elements with one id, and crossing or missing ones
 * stay as they are, for the core to judge (it then publishes the sentence without marks); a kept element comes
 * back exactly as it was sent, wherever its words went. Words generated as one form with a kept name stand
 * outside the elements that start or end with the name ("L'<strong>Harbour Lines</strong>").
 */
export function streamToHtml(stream: string, sequence: number, segment: HtmlSegment): string {
  const pieces = piecesOf(stream, sequence);
  const runs = runsOf(pieces).sort((a, b) => a.first - b.first || b.last - a.last);
  const kept = new Map<(typeof runs)[number], ReturnType<typeof keptWithNeighbours>>();
  for (const run of runs) {
    const element = segment.elements.get(run.id);
    if (element?.keep && pieces[run.first]?.voidId !== run.id)
      kept.set(run, keptWithNeighbours(pieces.slice(run.first, run.last + 1), element.source));
  }
  // The runs starting at each piece, in the order above: each piece looks only at its own.
  const startingAt = new Map<number, (typeof runs)[number][]>();
  for (const run of runs) {
    const list = startingAt.get(run.first);
    if (list) list.push(run);
    else startingAt.set(run.first, [run]);
  }
  let html = '';
  const open: { id: number; last: number }[] = [];
  const after: { last: number; text: string }[] = [];
  let skipUntil = -1;
  pieces.forEach((piece, index) => {
    const starting = startingAt.get(index) ?? [];
    for (const run of starting) html += kept.get(run)?.before ?? '';
    for (const run of starting) {
      const element = segment.elements.get(run.id);
      if (!element) continue;
      if (piece.voidId === run.id) {
        html += element.open;
        continue;
      }
      const parts = kept.get(run);
      if (parts) {
        html += parts.source;
        if (parts.after !== '') after.push({ last: run.last, text: parts.after });
        skipUntil = Math.max(skipUntil, run.last);
        continue;
      }
      html += element.open;
      open.push({ id: run.id, last: run.last });
    }
    if (index > skipUntil) html += escapeInlineText(piece.text);
    for (let i = open.length - 1; i >= 0; i--) {
      const entry = open[i] as { id: number; last: number };
      if (entry.last !== index) continue;
      html += `</${segment.elements.get(entry.id)?.name ?? 'span'}>`;
      open.splice(i, 1);
    }
    for (let i = 0; i < after.length; i++) {
      const entry = after[i] as { last: number; text: string };
      if (entry.last !== index) continue;
      html += entry.text;
      after.splice(i--, 1);
    }
  });
  return html;
}

/** How a run of kept lexical units is analysed once merged: a proper noun, with what the analyser knew of it. */
function properNounTags(analyses: string): string {
  const person = /<np><ant>(?:<(m|f|mf)>)?/u.exec(analyses);
  if (person) return `<np><ant><${person[1] ?? 'm'}><sg>`;
  if (/<np><cog>/u.test(analyses)) return '<np><cog><mf><sg>';
  return '<np><al><sg>';
}

/**
 * Merges the lexical units of each kept element (`[[pbk:N]]`) in an analysed stream (after the morphological
 * analyser and `apertium-wblank-attach`) into one unambiguous proper noun whose lemma is the element's text, so
 * no later module translates any of its words, while the rest of the sentence still sees a noun where the name
 * stands (its agreement, articles and word order unchanged). `texts` gives each kept element's text by id.
 */
export function protectLexicalUnits(analysed: string, texts: ReadonlyMap<number, string>): string {
  if (texts.size === 0) return analysed;
  const unit = /\[\[([^\]]*)\]\]\^((?:\\.|[^\\$])*)\$/gsu;
  let out = '';
  let last = 0;
  let run: { id: number; start: number; end: number; blank: string; analyses: string } | undefined;
  const merged = new Set<number>();
  const flush = () => {
    if (!run) return;
    const lemma = escapeStream(texts.get(run.id) ?? '');
    // Should another module have split an element's words, its text is given once, at the first run.
    const noun = merged.has(run.id)
      ? ''
      : `[[${run.blank}]]^${lemma}/${lemma}${properNounTags(run.analyses)}$`;
    merged.add(run.id);
    out += `${analysed.slice(last, run.start)}${noun}`;
    last = run.end;
    run = undefined;
  };
  for (const match of analysed.matchAll(unit)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const blank = match[1] as string;
    const keptId = /pbk:(\d+)/u.exec(blank)?.[1];
    const id = keptId === undefined ? undefined : Number(keptId);
    // Between two units of one kept element stands only the element's own text (spaces, or punctuation the
    // analyser left as a blank, as in "Jakar/Bumthang"): the merged noun's lemma has it, so it goes too.
    if (run && (id !== run.id || /(?:^|[^\\])\^/u.test(analysed.slice(run.end, start)))) flush();
    if (id === undefined || !texts.has(id)) continue;
    if (run) {
      run.end = end;
      run.analyses += match[2];
    } else {
      run = { id, start, end, blank, analyses: match[2] as string };
    }
  }
  flush();
  return out + analysed.slice(last);
}
