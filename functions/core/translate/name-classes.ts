/**
 * Which of the people and organisations the facts found are names to keep as written (protected-names.ts), and
 * which are words a translator translates though the extraction took them for a name: places (a gazetteer's
 * place that nobody bears as a name, a phrase ending in a place's head word), peoples, nationalities, creeds and
 * languages ("the Romans", "Phoenicians", "Roman Catholic", "Jews", "Persian"), sums of money ("Congolese
 * Francs", "GBP"), eras ("BCE"), laws, treaties, wars and ideas ("Riga Peace Treaty") and the commonest
 * lower-case words ("The"), and institutions named by their common noun alone ("Congress"). Each class is general English,
 * decided from the lexicon and the runtime's own locale data, not from any evaluation text.
 */
import { placeHeads, workHeads } from '../facts/cues.js';
import { fold } from '../facts/entities/text.js';
import { lexicon } from '../facts/lexicon.js';
import { isMoney } from '../facts/money.js';

/** Religions, churches and movements, and their followers: translated as the words they are. */
const CREEDS = new Set(
  `catholic catholics christian christians christianity orthodox protestant protestants muslim muslims moslem
  islam islamic jew jews jewish judaism hindu hindus hinduism buddhist buddhists buddhism sikh sikhs sikhism
  anglican anglicans lutheran lutherans methodist methodists evangelical evangelicals mormon mormons sunni sunnis
  shia shiite shiites pagan pagans nazi nazis fascist fascists communist communists`.split(/\s+/u),
);

/**
 * Institutions named by their common noun alone ("Congress", "Parliament", "the Senate", "Police"): every language
 * says them in its own word ("el Congreso", "Parlamento"), as it does the noun; an institution's own name ("Green
 * Party", "Bundestag") is kept.
 */
const INSTITUTION_NOUNS = new Set(
  `congress parliament senate assembly government cabinet army navy police legislature judiciary military
  presidency monarchy commission council court church`.split(/\s+/u),
);

/** Eras written after a year or century ("the 10th century BCE"): part of a date. */
const ERAS = new Set(['BC', 'BCE', 'AD', 'CE']);

/** Endings that make a people or a nationality of a place's name, and what the place's name may end in instead. */
const DEMONYM_ENDINGS = ['ian', 'ean', 'lese', 'ese', 'an', 'er'];
const PLACE_ENDINGS = ['', 'a', 'ia', 'e', 'o', 'y'];
/** The endings whose plurals ("Romans", "Phoenicians", "Nepalese") are never anyone's name. */
const PLURAL_DEMONYM_ENDINGS = new Set(['ian', 'ean', 'lese', 'ese', 'an']);

let cachedLanguages: ReadonlySet<string> | undefined;

/** English names of languages (ICU's, through Intl): "Persian", "Guarani", "Hebrew". */
function languageNames(): ReadonlySet<string> {
  if (cachedLanguages) return cachedLanguages;
  const names = new Set<string>();
  const display = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const first of letters) {
    for (const second of letters) {
      const name = display.of(`${first}${second}`);
      if (name && !/\s/u.test(name)) names.add(fold(name));
    }
  }
  cachedLanguages = names;
  return names;
}

/** Someone's first or last name in the lexicon's lists. */
function borneAsName(word: string): boolean {
  const { names, firstNames } = lexicon();
  // The lists spell names without their accents ("Sanchez").
  const plain = word.normalize('NFD').replace(/\p{M}/gu, '');
  return names.has(word) || firstNames.has(word) || names.has(plain) || firstNames.has(plain);
}

/** A place the gazetteers know (any kind), or a nationality adjective ("Western"). */
function isPlaceName(word: string): boolean {
  const gazetteer = lexicon();
  return gazetteer.demonyms.has(word) || gazetteer.phraseKinds(word.toLowerCase()).length > 0;
}

/** Whether `word` (singular) is a place's name with a demonym's ending: Roman (Rome), Persian (Persia), Congolese. */
function derivedDemonym(word: string, endings: Iterable<string> = DEMONYM_ENDINGS): boolean {
  for (const ending of endings) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, word.length - ending.length);
    if (stem.length < 3) continue;
    if (PLACE_ENDINGS.some((end) => isPlaceName(`${stem}${end}`))) return true;
  }
  return false;
}

/**
 * How `word` names a people, a nationality, a creed or a language: `known` (the lexicon's nationality adjectives
 * and their plurals, creeds, plurals of demonyms of places), `derived` (a place's name with a demonym's ending,
 * or a language's name: people bear some of these as names, "Roman", "Christian"), or `undefined`.
 */
function peopleWord(word: string): 'known' | 'derived' | undefined {
  const { demonyms } = lexicon();
  const singular = word.replace(/(?<=\p{L})s$/u, '');
  if (demonyms.has(word) || demonyms.has(singular)) return 'known';
  const creed = CREEDS.has(word.toLowerCase());
  if (creed && (word !== singular || !lexicon().firstNames.has(word))) return 'known';
  if (word !== singular && derivedDemonym(singular, PLURAL_DEMONYM_ENDINGS)) return 'known';
  if (creed || derivedDemonym(singular) || languageNames().has(fold(word))) return 'derived';
  return undefined;
}

/**
 * Whether a name of words for peoples, nationalities, creeds or languages ("Romans", "Roman Catholic", "Orthodox
 * Christian", "Persian"): every word is one, and one of them is `known` or the last is borne by nobody as a name
 * (so "Roman Porter", of two words people also bear, stays a name).
 */
function isPeopleName(words: readonly string[], kind: 'person' | 'organisation'): boolean {
  const kinds = words.map(peopleWord);
  if (kinds.some((kind) => kind === undefined)) return false;
  // Clubs and firms take such words as names ("Mariners", "Suwan"): an organisation needs a `known` one.
  return kinds.includes('known') || (kind === 'person' && !borneAsName(words.at(-1) as string));
}

/** A single word that is one of the commonest words written in lower case ("The", "New"): not a name at all. */
export function isWord(name: string): boolean {
  return !/\s/u.test(name) && (lexicon().wordFrequency.get(name.toLowerCase()) ?? 0) >= 16;
}

/**
 * Whether what the facts call a person (`person`) or an organisation is a name to keep as written. What is not
 * (see the module comment) goes through the engine, located like places, as it would without the facts. A
 * place's name or a phrase ending in a place's head word is a place only where the facts call it a person:
 * organisations are often named for places (clubs, councils: "Wigan", "Ross County").
 */
export function isName(name: string, kind: 'person' | 'organisation'): boolean {
  if (isWord(name) || ERAS.has(name) || isMoney(name)) return false;
  const words = name.replace(/^the\s+/iu, '');
  if (words !== name && !/\s/u.test(words)) return false;
  const parts = words.split(/\s+/u);
  if (kind === 'organisation' && parts.length === 1 && INSTITUTION_NOUNS.has(words.toLowerCase()))
    return false;
  // An acronym is not the town whose name it spells ("UN", "PBS"), though it may be a country's ("UK").
  const acronym = /^\p{Lu}+$/u.test(words);
  const kinds = lexicon()
    .phraseKinds(words.toLowerCase())
    .filter((kind) => !acronym || kind !== 'city');
  if (kinds.some((kind) => kind !== 'city')) return false;
  if (kind === 'organisation' && parts.length > 1 && workHeads.has((parts.at(-1) as string).toLowerCase()))
    return false;
  if (kind === 'person') {
    // A city's name is a person's where people bear it too (Washington, Byron, Florence, O'Neill).
    const first = parts[0] as string;
    const borne =
      parts.length === 1
        ? borneAsName(first) || borneAsName(first.replace(/^\p{L}+['’]/u, ''))
        : lexicon().firstNames.has(first);
    if (kinds.includes('city') && !borne) return false;
    if (parts.length > 1 && placeHeads.has((parts.at(-1) as string).toLowerCase())) return false;
  }
  return !isPeopleName(parts, kind);
}
