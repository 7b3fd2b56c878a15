import type { ArticleJson, PersonJson, TextSpanJson } from '../contract.js';
import { segmentKey } from '../translate/segments.js';
import { EditError, type EditRun, editHint } from './edit-run.js';
import type { EditedSet, EditFile } from './read-edit.js';

/** What an edit corrects: for each source text (by segment key), the translation an editor gave it. */
export interface Corrections {
  /** Segment key of the source text → the editor's translation. */
  readonly translations: ReadonlyMap<string, string>;
  /** Segment key → the source text, as the memory learns it. */
  readonly sources: ReadonlyMap<string, string>;
}

const MAX_PROBLEMS = 50;
/** Control characters other than tab and line breaks, lone surrogates: not text an editor means. */
const notText = /(?![\t\n\r])\p{Cc}|\p{Cs}/u;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The source language version's texts, by sentence id. */
function sourceTexts(source: ArticleJson): Map<string, string> {
  const spans = [source.headline, source.caption, ...source.body.flatMap((paragraph) => paragraph.sentences)];
  const texts = new Map<string, string>();
  for (const span of spans) if (span) texts.set(span.id, span.text);
  for (const item of source.summary) if (!texts.has(item.sentenceId)) texts.set(item.sentenceId, item.text);
  return texts;
}

/** The body sentences of the source that hold `[start, end)`. */
export function sentencesHolding(source: ArticleJson, start: number, end: number): TextSpanJson[] {
  return source.body
    .flatMap((paragraph) => paragraph.sentences)
    .filter((sentence) => sentence.start < end && sentence.end > start);
}

/** Refuses an edit that names another article, language or source version than the set it is uploaded for. */
function checkIdentity(run: EditRun, set: EditedSet, edit: Json): void {
  const language = set.target.language;
  if (edit.articleId !== undefined && edit.articleId !== set.manifest.articleId) {
    throw new EditError(
      'other-article',
      `The edit is of article ${JSON.stringify(edit.articleId)}, uploaded as a correction of ${set.manifest.articleId}.`,
      editHint(run),
    );
  }
  if (edit.language !== undefined && edit.language !== language) {
    throw new EditError(
      'other-article',
      `The edit is of the ${JSON.stringify(edit.language)} version, uploaded as a correction of ${language}.`,
      editHint(run),
    );
  }
  const sha256 = isObject(edit.source) ? edit.source.sha256 : undefined;
  if (sha256 !== undefined && sha256 !== set.manifest.source.sha256) {
    throw new EditError(
      'other-source-version',
      'The edit corrects another version of the article than the one published now (its source.sha256 differs): ' +
        'the article was uploaded again since, and its sentences may no longer be the same.',
      editHint(run),
    );
  }
}

/** Collects the corrected texts of one edit and every problem found on the way (the first 50). */
class CorrectionList {
  readonly translations = new Map<string, string>();
  readonly sources = new Map<string, string>();
  readonly problems: string[] = [];

  problem(text: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(text);
  }

  /** Notes a corrected text of `sourceText`, when it differs from `published`. */
  correct(where: string, sourceText: string | undefined, published: string, given: unknown): void {
    if (given === undefined) return;
    if (typeof given !== 'string') {
      this.problem(`${where}: text must be a string`);
      return;
    }
    const text = given.replace(/\s+/gu, ' ').trim();
    if (text === published.replace(/\s+/gu, ' ').trim()) return;
    if (text === '') {
      this.problem(`${where}: the corrected text is empty`);
      return;
    }
    if (notText.test(text)) {
      this.problem(`${where}: the text holds control characters`);
      return;
    }
    if (sourceText === undefined) {
      this.problem(`${where}: no source text to correct`);
      return;
    }
    const key = segmentKey(sourceText);
    const earlier = this.translations.get(key);
    if (earlier !== undefined && earlier !== text) {
      this.problem(`${where}: corrected twice, differently (the same source sentence)`);
      return;
    }
    this.translations.set(key, text);
    this.sources.set(key, sourceText);
  }
}

/** What every part of an edit is checked against. */
interface EditContext {
  readonly set: EditedSet;
  readonly edit: Json;
  /** The source version's texts, by sentence id. */
  readonly sources: ReadonlyMap<string, string>;
  readonly found: CorrectionList;
}

function headlineAndCaption({ set, edit, sources, found }: EditContext): void {
  for (const name of ['headline', 'caption'] as const) {
    const given = edit[name];
    if (given === undefined || given === null) continue;
    const published = set.target[name];
    if (!published || !isObject(given)) {
      found.problem(
        published ? `${name}: must be an object with a text` : `${name}: the published version has none`,
      );
      continue;
    }
    found.correct(name, sources.get(published.id), published.text, given.text);
  }
}

function summarySentences({ set, edit, sources, found }: EditContext): void {
  const summary = new Map(set.target.summary.map((item) => [item.sentenceId, item]));
  for (const item of list(edit.summary)) {
    const id = isObject(item) ? item.sentenceId : undefined;
    const published = typeof id === 'string' ? summary.get(id) : undefined;
    if (!isObject(item) || !published) {
      found.problem(
        typeof id === 'string'
          ? `summary ${id}: no such summary sentence`
          : 'summary: an item without sentenceId',
      );
      continue;
    }
    found.correct(
      `summary ${published.sentenceId}`,
      sources.get(published.sentenceId),
      published.text,
      item.text,
    );
  }
}

function bodySentences({ set, edit, sources, found }: EditContext): void {
  const body = new Map(
    set.target.body.flatMap((paragraph) =>
      paragraph.sentences.map((sentence) => [sentence.id, { paragraph, sentence }]),
    ),
  );
  for (const paragraph of list(edit.body)) {
    for (const sentence of isObject(paragraph) ? list(paragraph.sentences) : [undefined]) {
      const id = isObject(sentence) ? sentence.id : undefined;
      const published = typeof id === 'string' ? body.get(id) : undefined;
      if (!isObject(sentence) || !published) {
        found.problem(
          typeof id === 'string'
            ? `${id}: no such sentence in ${set.target.language}.json`
            : 'body: a sentence without id',
        );
        continue;
      }
      if (isObject(paragraph) && paragraph.id !== undefined && paragraph.id !== published.paragraph.id)
        found.problem(
          `${published.sentence.id}: belongs to ${published.paragraph.id}, not ${String(paragraph.id)}`,
        );
      found.correct(
        published.sentence.id,
        sources.get(published.sentence.id),
        published.sentence.text,
        sentence.text,
      );
    }
  }
}

function quotes({ set, edit, found }: EditContext): void {
  const facts = isObject(edit.facts) ? edit.facts : {};
  for (const quote of list(facts.quotes)) {
    const published = isObject(quote)
      ? set.target.facts.quotes.find((item) => item.start === quote.start && item.end === quote.end)
      : undefined;
    if (!isObject(quote) || !published) {
      found.problem(
        `quote ${isObject(quote) ? `${quote.start}-${quote.end}` : '?'}: no quote at these offsets`,
      );
      continue;
    }
    const held = sentencesHolding(set.source, published.start, published.end);
    const label = `quote ${published.start}-${published.end}`;
    if (held.length > 1 && typeof quote.text === 'string' && quote.text.trim() !== published.text.trim()) {
      found.problem(
        `${label}: it spans ${held.map((item) => item.id).join(', ')}; correct those sentences in body`,
      );
      continue;
    }
    found.correct(label, held[0]?.text, published.text, quote.text);
  }
}

function roles({ set, edit, found }: EditContext): void {
  const facts = isObject(edit.facts) ? edit.facts : {};
  const people = new Map(set.target.facts.people.map((person) => [person.sourceName, person]));
  const sourcePeople = new Map(set.source.facts.people.map((person) => [person.sourceName, person]));
  for (const person of list(facts.people)) {
    const name = isObject(person) ? person.sourceName : undefined;
    const published: PersonJson | undefined = typeof name === 'string' ? people.get(name) : undefined;
    if (!isObject(person) || !published) {
      found.problem(`person ${JSON.stringify(name)}: no such person in ${set.target.language}.json`);
      continue;
    }
    const given = list(person.roles);
    if (person.roles !== undefined && given.length !== published.roles.length) {
      found.problem(
        `person ${published.sourceName}: ${given.length} roles, the published version has ${published.roles.length}`,
      );
      continue;
    }
    given.forEach((role, index) => {
      found.correct(
        `person ${published.sourceName}, role ${index + 1}`,
        sourcePeople.get(published.sourceName)?.roles[index],
        published.roles[index] ?? '',
        role,
      );
    });
  }
}

/**
 * The corrections an edit makes to the published version: every text (headline, caption, summary and body
 * sentences by id, quotes by their offsets, a person's roles by position) that differs from what is published.
 * An edit about another article, language or source version, or naming what the version does not have, throws an
 * `EditError` listing every problem; nothing is applied then.
 */
export function correctionsOf(run: EditRun, set: EditedSet, file: EditFile): Corrections {
  if (!file.json.ok)
    throw new EditError('malformed-edit', `The edit is not JSON (${file.json.reason}).`, editHint(run));
  const edit = file.json.value;
  if (!isObject(edit)) throw new EditError('malformed-edit', 'The edit is not a JSON object.', editHint(run));
  checkIdentity(run, set, edit);
  const context: EditContext = { set, edit, sources: sourceTexts(set.source), found: new CorrectionList() };
  for (const part of [headlineAndCaption, summarySentences, bodySentences, quotes, roles]) part(context);
  const { problems, translations, sources } = context.found;
  if (problems.length > 0) {
    throw new EditError(
      'invalid-edit',
      `The edit does not match the published ${set.target.language}.json: ${problems.slice(0, 3).join('; ')}` +
        `${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}.`,
      editHint(run),
      problems,
    );
  }
  return { translations, sources };
}
