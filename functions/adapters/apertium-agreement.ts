/**
 * en-eo writes relative pronouns, participles and predicate adjectives singular whatever they refer to, where
 * Esperanto makes them agree in number with their noun ("la ĉeloj influitaj", "infanoj, kiuj", "ili estas
 * kuiritaj"). Each rule looks only at the word right before, so it changes nothing it cannot tie to a plural.
 */
import { PREPOSITIONS } from './apertium-clause-commas.js';
import { replaceOutsideKept } from './apertium-kept-text.js';

/**
 * An Esperanto plural noun or pronoun (`-oj`, `-ojn`, `-uj`, `-ujn`) and its case; no tag may follow it, since
 * a name in an element ("Manoj") is not an Esperanto plural.
 */
const PLURAL = '(?<![\\p{L}<>])\\p{L}+(?:oj|uj)(n?)';

/** A relative "kiu"/"kiun" after a plural noun, its comma and maybe a preposition. */
const PLURAL_KIU = new RegExp(
  `(?<=${PLURAL}, (?:(?:${PREPOSITIONS.join('|')}) )?)kiu(n?)(?![\\p{L}\\p{N}])`,
  'gu',
);

/** A passive participle right after a plural noun: attributive, so it takes the noun's number and case. */
const PLURAL_PARTICIPLE = new RegExp(`(?<=${PLURAL} )(\\p{Ll}+(?:it|at|ot))a(?![\\p{L}\\p{N}])`, 'gu');

/** A plural subject ("ili" or a plural noun) and a form of "esti" after it. */
const PLURAL_ESTI = `(?:(?<![\\p{L}<>])[Ii]li|${PLURAL}) (?:estas|estis|estos|estus|esti)`;

/** A participle or adjective after a plural subject and a form of "esti": a predicate, plural, never accusative. */
const PLURAL_PREDICATE = new RegExp(
  `(?<=${PLURAL_ESTI}(?: estinta)? )(\\p{Ll}+(?:it|at|ot|int|ant|ont))a(?![\\p{L}\\p{N}])`,
  'gu',
);

/** An adjective after a plural subject and a form of "esti", ending the clause: a predicate. */
const PLURAL_ADJECTIVE = new RegExp(
  `(?<=${PLURAL_ESTI}(?: (?:tre|pli|plej|tro|tiel|ege|ankaŭ|ofte|sufiĉe|ne))? )(\\p{Ll}{3,})a(?=[,.;:!?)]|$| (?:kaj|aŭ|sed|por|ol|kiel|pro|en|de|al|kun|ĉar|se|kiam|ke|pri|ĉe|sur|dum|sen|inter)(?!\\p{L}))`,
  'gu',
);

/** An Esperanto translation (inline HTML) with relative pronouns, participles and predicates agreeing in number. */
export function pluralAgreement(html: string): string {
  let text = replaceOutsideKept(html, PLURAL_KIU, (_, __, accusative) => `kiuj${accusative}`);
  text = replaceOutsideKept(text, PLURAL_PARTICIPLE, (_, accusative, stem) => `${stem}aj${accusative}`);
  text = replaceOutsideKept(text, PLURAL_PREDICATE, (_, __, stem) => `${stem}aj`);
  return replaceOutsideKept(text, PLURAL_ADJECTIVE, (_, __, stem) => `${stem}aj`);
}
