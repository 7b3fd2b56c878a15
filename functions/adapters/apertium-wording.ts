/**
 * Apertium's word choices that a rule can correct:
 *
 * - "over" before a number is "more than" (`over 800,000 soldiers`); the pairs read it as the preposition
 *   ("encima 800 000", "sobre", "super") but translate "more than" right in es and eo ("más de", "pli ol"); eng-cat
 *   and en-gl make it "més que", "máis que", which before a number is "més de", "máis de".
 * - en-eo gives English's dummy "it" a subject ("Ĝi estas grava trinki akvon", "ĝi estas asertita ke"): Esperanto's
 *   impersonal predicate has none and takes the adverb ("Estas grave trinki akvon", "estas asertite ke").
 * - en-eo's rule for the English possessive ("the city's streets" → "la stratoj de la urbo") loses the blank
 *   before "de": "stratojde", "celode". A noun's ending glued to "de" is split again where the source has a
 *   possessive.
 * - en-eo writes English's adverbial "-ing" clause after a comma with the adjectival participle (", deviganta vin
 *   ellitiĝi"); with a pronoun, preposition, adverb or number after it, it is the adverbial one (", devigante vin").
 * - en-eo writes "their" "ilia" always; after the finite verb of a clause with a plural subject it is the subject's
 *   own, Esperanto's reflexive "sia" ("la gepatroj finas siajn rajtojn").
 * - eng-spa makes the English passive's "was" + participle "estuvo fundada", "estuvieron enviadas": the passive of an
 *   event takes "ser" ("fue fundada", "fueron enviadas"), as eng-cat ("va ser") and en-gl ("foi") already write it.
 */

const NUMBER_WORD =
  '(?:\\d|a (?:hundred|thousand|million|billion|dozen)\\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|dozen|hundreds|thousands|millions|billions|dozens)\\b)';
const OVER_NUMBER = new RegExp(`\\b(O|o)ver (?=${NUMBER_WORD})`, 'gu');

/** `text` with "over" before a number written "more than". */
export function overAsMoreThan(text: string): string {
  return text.replace(OVER_NUMBER, (_, o: string) => (o === 'O' ? 'More than ' : 'more than '));
}

/** How a pair writes "more than" before a number, and how the language does. */
export interface MoreThan {
  readonly from: string;
  readonly to: string;
  /** Number words of the language, after which `from` is `to` as it is after digits. */
  readonly numbers: readonly string[];
}

export const CATALAN_MORE_THAN: MoreThan = {
  from: 'més que',
  to: 'més de',
  numbers: [
    'un',
    'una',
    'dos',
    'dues',
    'tres',
    'quatre',
    'cinc',
    'sis',
    'set',
    'vuit',
    'nou',
    'deu',
    'cent',
    'mil',
  ],
};
export const GALICIAN_MORE_THAN: MoreThan = {
  from: 'máis que',
  to: 'máis de',
  numbers: [
    'un',
    'unha',
    'dous',
    'dúas',
    'tres',
    'catro',
    'cinco',
    'seis',
    'sete',
    'oito',
    'nove',
    'dez',
    'cen',
    'mil',
  ],
};

const moreThanPatterns = new WeakMap<MoreThan, RegExp>();

/** A translation with the pair's "more than" before a number written as the language writes it. */
export function moreThanNumber(text: string, style: MoreThan): string {
  let pattern = moreThanPatterns.get(style);
  if (!pattern) {
    const first = style.from.charAt(0);
    pattern = new RegExp(
      `(?<!\\p{L})(${first}|${first.toUpperCase()})${style.from.slice(1)} (?=\\d|(?:${style.numbers.join('|')})(?!\\p{L}))`,
      'gu',
    );
    moreThanPatterns.set(style, pattern);
  }
  return text.replace(pattern, (_, letter: string) => `${letter}${style.to.slice(1)} `);
}

/** Spanish past participles that do not end in -ado or -ido. */
const IRREGULAR =
  'hech|dich|puest|escrit|vist|abiert|cubiert|descubiert|muert|vuelt|devuelt|rot|resuelt|impres|frit|provist|compuest|propuest|dispuest|expuest|impuest|opuest|supuest|satisfech|deshech';
const ESTUVO_PARTICIPLE = new RegExp(
  `\\b([Ee])stuv(o |ieron )(?=(?:\\p{L}+mente )?(?:\\p{L}+[ai]d|${IRREGULAR})[oa]s?\\b)(?!(?:nada|cada)\\b)`,
  'gu',
);

/** A Spanish translation with the passive's "estuvo" + participle written "fue" + participle. */
export function passiveWithSer(text: string): string {
  return text.replace(ESTUVO_PARTICIPLE, (_, e: string, ending: string) =>
    ending === 'o ' ? `${e === 'E' ? 'F' : 'f'}ue ` : `${e === 'E' ? 'F' : 'f'}ueron `,
  );
}

/** `ĝi estas grava trinki`, `ĝi estis asertita ke`, `ĝi estas malfacile por`: the dummy subject and its predicate. */
const DUMMY_IT =
  /(?<!\p{L})([Ĝĝ])i (estas|estis|estos|estus) ((?:tre|pli|plej|tro|tiel|ege|ankaŭ|ofte|sufiĉe) )?(\p{Ll}{3,}?)[ae](?= (?:\p{Ll}+i|ke|por)(?!\p{L}))/gu;

/** An Esperanto translation with English's dummy "it" taken out of impersonal predicates. */
export function impersonalPredicate(text: string): string {
  return text.replace(DUMMY_IT, (_, g: string, verb: string, degree: string | undefined, stem: string) => {
    const predicate = `${degree ?? ''}${stem}e`;
    return g === 'Ĝ'
      ? `${verb.charAt(0).toUpperCase()}${verb.slice(1)} ${predicate}`
      : `${verb} ${predicate}`;
  });
}

/** A noun's ending (`-o`, `-oj`, `-on`, `-ojn`) glued to "de". */
const GLUED_DE = /(?<=\p{L}{3})(oj?n?)de(?=[\s,.;:!?)»”"]|$)/gu;

/** An Esperanto translation with "de" the possessive's rule glued to a noun standing apart again. */
export function possessiveDe(text: string, source: string): string {
  return /\p{L}['’]s?(?!\p{L})/u.test(source) ? text.replace(GLUED_DE, '$1 de') : text;
}

/**
 * `, deviganta vin`, `, gvidanta al`: after a comma, a participle with an object pronoun, a preposition, an
 * adverb or a number after it stands for English's adverbial "-ing" clause, which Esperanto writes `-ante`.
 */
const ADVERBIAL_PARTICIPLE =
  /(?<=, )(\p{Ll}{2,}[aio]nt)a(?= (?:(?:min|vin|lin|ŝin|ĝin|nin|ilin|sin|unu|al|kun|kiel|en|de|per|pri|por|ĝis|el|sur|tra|laŭ|inter|kontraŭ|plejparte)(?!\p{L})|\p{Ll}+e(?!\p{L})|\p{N}))/gu;

/** An Esperanto translation with adverbial participles after a comma written `-ante`, `-inte`, `-onte`. */
export function adverbialParticiple(text: string): string {
  return text.replace(ADVERBIAL_PARTICIPLE, '$1e');
}

/** Conjunctions and pronouns that open a clause. */
const OPENS_CLAUSE = new Set([
  'kaj',
  'sed',
  'aŭ',
  'ke',
  'ĉar',
  'se',
  'kiam',
  'kvankam',
  'kiu',
  'kiuj',
  'kiun',
  'kiujn',
  'kio',
  'kion',
  'kie',
  'kiel',
  'dum',
  'ol',
]);
/** A punctuation mark that ends a clause, or a word (which may be one of those that open the next). */
const CLAUSE_WORD = /[,;:()«»"“”—–]|\p{L}+/gu;
const PERSONAL = new Set(['mi', 'vi', 'ni', 'li', 'ŝi', 'ĝi', 'oni', 'ci']);
const FINITE_VERB = /^\p{Ll}{2,}[aiou]s$/u;
const PLURAL_SUBJECT = /^(?:ili|kiuj|\p{Ll}+(?:oj|uj))$/u;

/**
 * en-eo translates "their" as "ilia" always; where it follows the finite verb of a clause whose subject is
 * plural ("la gepatroj finas iliajn rajtojn"), it is the subject's own, which Esperanto writes "sia".
 */
export function reflexivePossessive(text: string): string {
  let plural = false;
  let personal = false;
  let verb = false;
  return text.replace(CLAUSE_WORD, (word) => {
    if (!/^\p{L}/u.test(word) || OPENS_CLAUSE.has(word)) {
      plural = word === 'kiuj';
      personal = false;
      verb = false;
      return word;
    }
    if (!verb) {
      const lower = word.toLowerCase();
      if (PLURAL_SUBJECT.test(lower)) plural = true;
      else if (PERSONAL.has(lower)) personal = true;
      else if (FINITE_VERB.test(word)) verb = true;
      return word;
    }
    const possessive = /^ilia(j?n?)$/u.exec(word);
    return possessive && plural && !personal ? `sia${possessive[1]}` : word;
  });
}
