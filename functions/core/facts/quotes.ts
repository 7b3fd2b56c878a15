import type { Span } from '../document.js';
import type { Checkpoint } from './checkpoint.js';
import { personTitles, reportingVerbs, roleModifiers } from './cues.js';
import { matchesOf } from './matches.js';
import type { Quote, QuoteKind } from './types.js';

/**
 * Direct quotes (`"…," she said`) and reported speech (`X stated that …`, `…, according to X`) with the person
 * (or organisation) who said them.
 */

/** A named speaker: where the name is written and the canonical name it stands for. */
export interface SpeakerMention extends Span {
  readonly name: string;
  readonly person: boolean;
}

const pronoun = /^(?:he|she)$/iu;
const auxiliary = /^(?:has|have|had|also|later|then|further|again|had|was|is)$/iu;
/**
 * Verbs that report speech only when a clause follows (`confirmed that …`): with a plain object they tell of an
 * act (`confirmed the deal`, `declared a state of emergency`). The others also report what was said as their
 * object (`reaffirmed China's willingness to …`, `stressed the need for …`).
 */
const verbsNeedingThat = new Set([
  'believes',
  'believe',
  'believed',
  'confirmed',
  'confirms',
  'suggested',
  'suggests',
  'acknowledged',
  'acknowledges',
  'admitted',
  'admits',
  'revealed',
  'reveals',
  'pointed',
  'announced',
  'announces',
  'claimed',
  'claims',
  'declared',
  'declares',
]);

interface Word extends Span {
  readonly text: string;
}

const wordPattern = /[\p{L}\p{N}’'-]+|[^\s\p{L}\p{N}]/gu;

function wordsOf(text: string, span: Span): Word[] {
  const out: Word[] = [];
  for (const match of matchesOf(wordPattern, text.slice(span.start, span.end))) {
    const start = span.start + match.index;
    out.push({ text: match[0], start, end: start + match[0].length });
  }
  return out;
}

/** Trims spaces and closing punctuation, keeping the span exact. */
function trimmed(text: string, start: number, end: number): Span | undefined {
  let from = start;
  let to = end;
  while (from < to && /[\s,:;"“”‘’'—–-]/u.test(text[from] ?? '')) from++;
  while (to > from && /[\s,.:;!?"“”‘’'—–-]/u.test(text[to - 1] ?? '')) to--;
  return to - from >= 12 ? { start: from, end: to } : undefined;
}

/** Index of the last span starting at or before `offset` in spans sorted by start, or -1. */
function lastStartingBy(spans: readonly Span[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spans[middle]?.start ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * `said Green councillor Emma Blake`: an organisation (a party, a body) followed by role words and a person is the
 * person's affiliation, and the person is the speaker. Other speakers are returned as they are.
 */
function preferPerson(
  text: string,
  speaker: SpeakerMention | undefined,
  speakers: readonly SpeakerMention[],
): SpeakerMention | undefined {
  if (!speaker || speaker.person) return speaker;
  const next = speakers[lastStartingBy(speakers, speaker.end) + 1];
  if (!next?.person || next.start - speaker.end > 60) return speaker;
  const between = text.slice(speaker.end, next.start).trim().split(/\s+/u);
  const roleWords = between.every(
    (word) => personTitles.has(word.toLowerCase()) || roleModifiers.has(word.toLowerCase()),
  );
  return between.length > 0 && between.length <= 4 && roleWords ? next : speaker;
}

const quotePattern = /[“"]([^“”"]{12,}?)[”"]/gu;

function quote(
  text: string,
  span: Span,
  kind: QuoteKind,
  speaker: SpeakerMention | undefined,
  quotation?: Span,
): Quote {
  return {
    kind,
    text: text.slice(span.start, span.end),
    ...(speaker ? { speaker: speaker.name } : {}),
    start: span.start,
    end: span.end,
    ...(quotation ? { quotation } : {}),
  };
}

/**
 * Direct quotes that run over more than one sentence (`"I fear … . If existing promises …," Mr Greenspan said.`),
 * attributed from the text around them: the start of the sentence they open in and the end of the one they close in.
 */
function longQuotes(
  text: string,
  blocks: readonly Span[],
  sentences: readonly Span[],
  speakers: readonly SpeakerMention[],
): Quote[] {
  const out: Quote[] = [];
  const people = speakers.filter((speaker) => speaker.person);
  for (const block of blocks) {
    const body = text.slice(block.start, block.end);
    for (const match of matchesOf(quotePattern, body)) {
      const start = block.start + match.index;
      const end = start + match[0].length;
      const opening = sentences[lastStartingBy(sentences, start)];
      const closing = sentences[lastStartingBy(sentences, end - 1)];
      if (!opening || !closing || opening === closing) continue;
      const frame = [
        ...wordsOf(text, { start: opening.start, end: start }),
        ...wordsOf(text, { start: end, end: Math.max(end, closing.end) }),
      ];
      const verb = frame.find((word) => reportingVerbs.has(word.text.toLowerCase()));
      if (!verb) continue;
      const named = speakers
        .slice(
          Math.max(0, lastStartingBy(speakers, opening.start)),
          lastStartingBy(speakers, closing.end) + 1,
        )
        .filter(
          (s) => (s.start >= opening.start && s.end <= start) || (s.start >= end && s.end <= closing.end),
        );
      const nearest = named.sort(
        (a, b) => Math.abs(a.start - verb.start) - Math.abs(b.start - verb.start),
      )[0];
      const pronounSpeaker = frame.some((word) => pronoun.test(word.text))
        ? people[lastStartingBy(people, start)]
        : undefined;
      const span = trimmed(text, start + 1, end - 1);
      const speaker = preferPerson(text, nearest, speakers) ?? pronounSpeaker;
      if (span) out.push(quote(text, span, 'direct', speaker, { start, end }));
    }
  }
  return out;
}

/** What the quote finders know about the sentence they read. */
interface Reading {
  readonly text: string;
  readonly sentence: Span;
  readonly words: readonly Word[];
  /** Speakers named inside the sentence, in text order. */
  readonly named: readonly SpeakerMention[];
  /** Every speaker of the article, in text order. */
  readonly speakers: readonly SpeakerMention[];
  /** The person last named before this sentence (for `he`, `she`). */
  readonly lastPerson: SpeakerMention | undefined;
  /** Quotation marks pairs of the sentence: `[start, end)` from the opening mark to the closing one. */
  readonly quotations: readonly Span[];
}

type Add = (
  span: Span | undefined,
  speaker: SpeakerMention | undefined,
  kind: QuoteKind,
  quotation?: Span,
) => void;

const outsideOf = (reading: Reading, span: Span): Word[] =>
  reading.words.filter((word) => word.end <= span.start || word.start >= span.end);

/**
 * Direct quotes with a verb of saying outside the marks in the same sentence. Returns the speaker of the last one
 * (a following sentence that is only a quotation goes on with it), or undefined.
 */
function directQuotes(
  reading: Reading,
  add: Add,
  continued: SpeakerMention | undefined,
): SpeakerMention | undefined {
  const { text, sentence } = reading;
  let speaker: SpeakerMention | undefined;
  for (const quotation of reading.quotations) {
    const inner = text.slice(quotation.start + 1, quotation.end - 1);
    if (inner.split(/\s+/u).length < 4) continue;
    const outside = outsideOf(reading, quotation);
    const verb = outside.find((word) => reportingVerbs.has(word.text.toLowerCase()));
    const span = trimmed(text, quotation.start + 1, quotation.end - 1);
    if (!verb) {
      // `"…," she said. "They want a fair wage."`: a sentence that is only a quotation goes on with the last one.
      const alone =
        text.slice(sentence.start, sentence.end).trim().length <= quotation.end - quotation.start + 1;
      if (alone && continued) {
        add(span, continued, 'direct', quotation);
        speaker = continued;
      }
      continue;
    }
    const named = reading.named.filter((s) => s.end <= quotation.start || s.start >= quotation.end);
    const nearest = named.sort((a, b) => Math.abs(a.start - verb.start) - Math.abs(b.start - verb.start))[0];
    const pronounSpeaker = outside.some((word) => pronoun.test(word.text)) ? reading.lastPerson : undefined;
    const found = preferPerson(text, nearest, reading.speakers) ?? pronounSpeaker;
    add(span, found, 'direct', quotation);
    speaker = found;
  }
  return speaker;
}

/**
 * The source after `according to`: the first person named within a few role words (`according to director Hanna
 * Berg`, `according to the UN envoy, Marcus Feld`), else the first speaker right after it.
 */
function accordingSource(reading: Reading, after: number): SpeakerMention | undefined {
  const { text } = reading;
  const person = reading.named.find((s) => s.person && s.start >= after && s.start - after <= 48);
  if (person && /^[\s,]*(?:the\s+)?(?:[\p{L}.-]+[\s,]+){0,4}$/u.test(text.slice(after, person.start))) {
    const between = text.slice(after, person.start);
    if (!/[.;:!?]/u.test(between)) return person;
  }
  return reading.named.find((s) => s.start >= after && s.start - after <= 6);
}

/** `…, according to X.` and `According to X, …` */
function accordingTo(reading: Reading, add: Add): void {
  const { text, sentence } = reading;
  const according = /\baccording to\b/iu.exec(text.slice(sentence.start, sentence.end));
  if (!according) return;
  const at = sentence.start + according.index;
  const source = accordingSource(reading, at + according[0].length);
  if (!source) return;
  if (at - sentence.start < 3) {
    const comma = text.indexOf(',', source.end);
    if (comma > 0 && comma < sentence.end) add(trimmed(text, comma + 1, sentence.end), source, 'reported');
  } else {
    add(trimmed(text, sentence.start, at), source, 'reported');
  }
}

/** The subject of a verb of saying at word `index`: a name or pronoun right before it, or the name an apposition follows. */
function subjectOf(
  reading: Reading,
  index: number,
  byEnd: ReadonlyMap<number, SpeakerMention>,
): SpeakerMention | undefined {
  const { text, words, sentence } = reading;
  let subjectEnd = index - 1;
  while (subjectEnd >= 0 && auxiliary.test(words[subjectEnd]?.text ?? '')) subjectEnd--;
  const before = words[subjectEnd];
  if (!before) return undefined;
  if (pronoun.test(before.text)) return reading.lastPerson;
  const named = byEnd.get(before.end);
  if (named) return named;
  if (before.text.toLowerCase() === 'and' || before.text === ',') {
    // A second verb of the subject: the clause opens with the name.
    const opening = reading.named[0];
    if (opening && opening.start - sentence.start <= 2) return opening;
  }
  if (before.text !== ',') return undefined;
  // `The coach, Marco Bellini, insisted …`, `Zhang Hong, a fellow at …, stated …`: the first person set off by a
  // comma before the verb.
  const verbStart = words[index]?.start ?? sentence.end;
  return reading.named.find(
    (s) => s.person && s.end < verbStart && /^\s*,/u.test(text.slice(s.end, s.end + 2)),
  );
}

/** `X said (that) …`, `X, the spokesperson, emphasized that …`, `He explained that …`, `…, said X.`, `…, X said.` */
function verbClauses(
  reading: Reading,
  add: Add,
  byStart: ReadonlyMap<number, SpeakerMention>,
  byEnd: ReadonlyMap<number, SpeakerMention>,
): void {
  const { text, words, sentence } = reading;
  words.forEach((word, index) => {
    const lower = word.text.toLowerCase();
    if (!reportingVerbs.has(lower)) return;
    // A verb outside quotation marks attributes the quotation: what follows it is not reported speech.
    const attributes = reading.quotations.some((q) => q.end <= word.start || q.start >= word.end);
    const next = words[index + 1];
    const hasThat = next?.text.toLowerCase() === 'that';
    if ((verbsNeedingThat.has(lower) || attributes) && !hasThat) return;
    const speaker = subjectOf(reading, index, byEnd);
    if (!speaker) {
      // `…, said X.` at the end of a statement.
      const after = words[index + 1];
      const named = after ? byStart.get(after.start) : undefined;
      if (named && index > 3 && words[index - 1]?.text === ',') {
        add(trimmed(text, sentence.start, words[index - 1]?.start ?? sentence.start), named, 'reported');
      }
      return;
    }
    let from = hasThat ? (next?.end ?? word.end) : word.end;
    // `told reporters that …`, `told BBC News Online that …`: the clause starts after `that`.
    if (!hasThat && /^(?:told|tells|tell)$/u.test(lower)) {
      const that = words.slice(index + 1, index + 7).find((w) => w.text.toLowerCase() === 'that');
      if (!that) return;
      from = that.end;
    }
    const clause = trimmed(text, from, sentence.end);
    if (clause || attributes) {
      add(clause, speaker, 'reported');
      return;
    }
    // `…, transport planner Yusuf Demir said.`: the statement is what comes before the comma.
    const comma = text.lastIndexOf(',', speaker.start);
    if (comma > sentence.start && /^[\s\p{L}.'’-]*$/u.test(text.slice(comma + 1, speaker.start)))
      add(trimmed(text, sentence.start, comma), speaker, 'reported');
  });
}

export function extractQuotes(
  text: string,
  sentences: readonly Span[],
  speakers: readonly SpeakerMention[],
  blocks: readonly Span[] = [],
  tick: Checkpoint = () => {},
): Quote[] {
  const ordered = [...sentences].sort((a, b) => a.start - b.start);
  const sorted = [...speakers].sort((a, b) => a.start - b.start);
  const long = longQuotes(text, blocks, ordered, sorted);
  const quotes: Quote[] = [...long];
  // Short quotes stay within a sentence: only this sentence's quotes, or a long quote over it, can overlap one.
  let sentenceQuotes: Quote[] = [];
  const add: Add = (span, speaker, kind, quotation) => {
    if (!span) return;
    if (sentenceQuotes.some((other) => other.start < span.end && span.start < other.end)) return;
    const around = long[lastStartingBy(long, span.end - 1)];
    if (around && around.end > span.start) return;
    const found = quote(text, span, kind, preferPerson(text, speaker, sorted), quotation);
    sentenceQuotes.push(found);
    quotes.push(found);
  };
  const byStart = new Map(sorted.map((speaker) => [speaker.start, speaker]));
  const byEnd = new Map(sorted.map((speaker) => [speaker.end, speaker]));
  let cursor = 0;
  let lastPerson: SpeakerMention | undefined;
  let lastDirect: SpeakerMention | undefined;
  for (const sentence of ordered) {
    tick();
    sentenceQuotes = [];
    while (cursor < sorted.length && (sorted[cursor]?.start ?? 0) < sentence.start) cursor++;
    const named: SpeakerMention[] = [];
    for (let i = cursor; i < sorted.length && (sorted[i]?.start ?? 0) < sentence.end; i++) {
      const speaker = sorted[i] as SpeakerMention;
      if (speaker.end <= sentence.end) named.push(speaker);
    }
    const quotations = matchesOf(quotePattern, text.slice(sentence.start, sentence.end)).map((match) => {
      const start = sentence.start + match.index;
      return { start, end: start + match[0].length };
    });
    const words = wordsOf(text, sentence);
    const reading: Reading = { text, sentence, words, named, speakers: sorted, lastPerson, quotations };
    lastDirect = directQuotes(reading, add, lastDirect);
    accordingTo(reading, add);
    verbClauses(reading, add, byStart, byEnd);
    const people = named.filter((s) => s.person);
    if (people.length > 0) lastPerson = people.at(-1);
  }
  return quotes.sort((a, b) => a.start - b.start);
}
