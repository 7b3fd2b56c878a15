import type { Span } from '../../document.js';
import { honorifics, organisationHeads, personTitles, roleModifiers } from '../cues.js';
import { lexicon } from '../lexicon.js';
import type { EntityMention } from '../ner/recognise.js';
import type { TokenTable } from '../token-table.js';
import type { Person } from '../types.js';
import { byStart, isUpper, span, words } from './text.js';

/** People: one per human being, under their full name, with the roles the article gives them. */

/** A role is a few words: the scan for one stops this far from the name. */
const maxRoleWords = 8;
/** Full names tried for one mention at most: a bound for articles made of thousands of names sharing a word. */
const maxCandidates = 256;
/** Roles kept per person at most. */
const maxRoles = 20;

/** Role words right before the name at token `index` (`Russian President`, `US National Security Adviser`). */
function roleBefore(tokens: TokenTable, index: number): string | undefined {
  if (index < 0) return undefined;
  const lex = lexicon();
  const first = Math.max(tokens.sentenceStart(tokens.sentenceOf(index)), index - maxRoleWords);
  let start = index;
  let sawTitle = false;
  for (let i = index - 1; i >= first; i--) {
    const text = tokens.tokenText(i);
    const lower = text.toLowerCase();
    const title = personTitles.has(lower);
    if (i === index - 1 && !title) return undefined;
    if (title) sawTitle = true;
    const part =
      title ||
      roleModifiers.has(lower) ||
      (isUpper(text) &&
        (lex.demonyms.has(text) || lex.countryNames.has(text) || organisationHeads.has(lower)));
    if (!part || (!isUpper(text) && i < index - 1 && !roleModifiers.has(lower))) break;
    start = i;
  }
  if (!sawTitle || start === index) return undefined;
  return tokens.joinedText(start, index);
}

/** Apposition after a name ending at token `endIndex`: `Mao Ning, the Chinese Foreign Ministry spokesperson,`. */
function roleAfter(tokens: TokenTable, endIndex: number): string | undefined {
  if (endIndex < 0) return undefined;
  const end = tokens.sentenceEndOf(endIndex);
  const at = (i: number): string => (i < end ? tokens.tokenText(i) : '');
  if (endIndex + 1 >= end || at(endIndex + 1) !== ',') return undefined;
  let i = endIndex + 2;
  if (/^(?:the|a|an)$/iu.test(at(i))) i++;
  const start = i;
  let lastTitle = -1;
  for (; i < end && i < start + 8; i++) {
    const text = at(i);
    if (/^[,;:()]$/u.test(text) || /^(?:at|of|in|for|with|who|which|from|and|said|says)$/iu.test(text)) break;
    if (personTitles.has(text.toLowerCase())) lastTitle = i;
  }
  if (lastTitle < start) return undefined;
  return tokens.joinedText(start, lastTitle + 1);
}

/** Index of the last token of `item` (which starts at token `index`), or -1. */
function endTokenIndex(tokens: TokenTable, index: number, item: Span): number {
  if (index < 0) return -1;
  const end = tokens.sentenceEndOf(index);
  let i = index;
  while (i + 1 < end && tokens.end(i + 1) <= item.end) i++;
  return i;
}

/**
 * Each mention's canonical name: the longest (then earliest) full name that contains all its words (`Putin` →
 * `Vladimir Putin`), or the mention as written.
 */
function canonicalNames(people: readonly EntityMention[]): Map<string, string> {
  const byWord = new Map<string, string[]>();
  const wordsOf = new Map<string, string[]>();
  for (const name of new Set(people.map((item) => item.text))) wordsOf.set(name, words(name));
  const fullNames = [...wordsOf.keys()]
    .filter((name) => (wordsOf.get(name) as string[]).length > 1)
    .sort((a, b) => (wordsOf.get(b) as string[]).length - (wordsOf.get(a) as string[]).length);
  for (const name of fullNames) {
    for (const part of new Set(wordsOf.get(name))) {
      const list = byWord.get(part) ?? [];
      list.push(name);
      byWord.set(part, list);
    }
  }
  const canonical = new Map<string, string>();
  for (const [name, parts] of wordsOf) {
    // A name that contains every word is on every word's list, in the same order: read the shortest list.
    let candidates: readonly string[] = byWord.get(parts[0] ?? '') ?? [];
    for (const part of parts) {
      const list = byWord.get(part) ?? [];
      if (list.length < candidates.length) candidates = list;
    }
    const found = candidates.slice(0, maxCandidates).find((candidate) => {
      const candidateWords = wordsOf.get(candidate) as string[];
      return candidateWords.length >= parts.length && parts.every((part) => candidateWords.includes(part));
    });
    canonical.set(name, found ?? name);
  }
  return canonical;
}

/** `President` says less than `Russian President`: the fuller form only. */
const fullestRoles = (roles: readonly string[]): string[] =>
  roles.filter(
    (role) =>
      !roles.some((other) => other !== role && other.toLowerCase().endsWith(` ${role.toLowerCase()}`)),
  );

export function buildPeople(people: readonly EntityMention[], tokens: TokenTable): Person[] {
  const canonical = canonicalNames(people);
  const groups = new Map<string, { mentions: Span[]; roles: string[] }>();
  for (const item of people) {
    const name = canonical.get(item.text) ?? item.text;
    let group = groups.get(name);
    if (!group) {
      group = { mentions: [], roles: [] };
      groups.set(name, group);
    }
    group.mentions.push(span(item));
    const index = tokens.indexAt(item.start);
    for (const role of [roleBefore(tokens, index), roleAfter(tokens, endTokenIndex(tokens, index, item))]) {
      if (
        role &&
        !honorifics.has(role.toLowerCase()) &&
        group.roles.length < maxRoles &&
        !group.roles.some((known) => known.toLowerCase() === role.toLowerCase())
      ) {
        group.roles.push(role);
      }
    }
  }
  return [...groups].map(([name, group]) => ({
    name,
    roles: fullestRoles(group.roles),
    mentions: group.mentions.sort(byStart),
  }));
}
