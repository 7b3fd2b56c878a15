/**
 * Esperanto sets every subordinate clause off with a comma ("Ili diris, ke...", "la loko, kiun ili forlasis"),
 * where English writes none before "that", "because" or a restrictive "who"; en-eo copies English's punctuation.
 * A preposition that governs the clause's pronoun goes with the clause ("la tago, en kiu"), and a clause opened
 * by a conjunction ("kaj ke") is joined by that conjunction, not by a comma.
 */
import { replaceOutsideKept } from './apertium-kept-text.js';

/** Words that open a subordinate clause (conjunctions, relative and interrogative pronouns and adverbs). */
const OPENERS = [
  'ke',
  'ĉar',
  'kvankam',
  'kiu',
  'kiuj',
  'kiun',
  'kiujn',
  'kies',
  'kio',
  'kion',
  'kie',
  'kien',
  'kiam',
  'ĉu',
  'se',
  'sed',
];

/** Prepositions that stand before a clause's pronoun or conjunction ("en kiu", "por ke", "post kiam"). */
export const PREPOSITIONS = [
  'al',
  'anstataŭ',
  'antaŭ',
  'apud',
  'ĉe',
  'ĉirkaŭ',
  'de',
  'dum',
  'el',
  'en',
  'ĝis',
  'inter',
  'je',
  'kontraŭ',
  'krom',
  'kun',
  'laŭ',
  'per',
  'por',
  'post',
  'pri',
  'pro',
  'sen',
  'sub',
  'super',
  'sur',
  'tra',
  'trans',
];

/** Words after which a clause needs no comma: conjunctions, and the openers themselves. */
const JOINING = new Set([
  'kaj',
  'aŭ',
  'sed',
  'nek',
  'ol',
  'kiel',
  'kvazaŭ',
  'ankaŭ',
  'nur',
  'eĉ',
  ...OPENERS,
]);

/**
 * The space (and a preposition and its space) between a word, with the closing tags after it, and a clause's
 * opener. Only spaces after a word are tried, and the word is read once, so the scan is linear in the text.
 */
const BEFORE_CLAUSE = new RegExp(
  `(?= )(?<=(?<![\\p{L}\\p{N}])([\\p{L}\\p{N}]+)(?:</[^<>]+>)*) (?:(${PREPOSITIONS.join('|')}) )?(?=(?:${OPENERS.join('|')})(?![\\p{L}\\p{N}]))`,
  'gu',
);

/** An Esperanto translation (inline HTML) with a comma before each subordinate clause, outside kept elements. */
export function clauseCommas(html: string): string {
  return replaceOutsideKept(html, BEFORE_CLAUSE, (space, word) => {
    const lower = (word as string).toLowerCase();
    return JOINING.has(lower) || PREPOSITIONS.includes(lower) ? space : `,${space}`;
  });
}
