import { francAll } from 'franc';
import { ArticleError } from '../errors.js';
import { languageNames } from '../locale/intl-formats.js';

/** ISO 639-3 (what franc answers) to the ISO 639-1 codes the pipeline is configured with. */
const iso1: Readonly<Record<string, string>> = {
  eng: 'en',
  spa: 'es',
  cat: 'ca',
  glg: 'gl',
  epo: 'eo',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  rus: 'ru',
  ukr: 'uk',
  pol: 'pl',
  ces: 'cs',
  slk: 'sk',
  ron: 'ro',
  hun: 'hu',
  swe: 'sv',
  dan: 'da',
  nob: 'nb',
  fin: 'fi',
  ell: 'el',
  tur: 'tr',
  arb: 'ar',
  ara: 'ar',
  heb: 'he',
  pes: 'fa',
  urd: 'ur',
  hin: 'hi',
  ben: 'bn',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  vie: 'vi',
  ind: 'id',
  zlm: 'ms',
  tha: 'th',
  swh: 'sw',
  eus: 'eu',
  hrv: 'hr',
  srp: 'sr',
  bul: 'bg',
  lit: 'lt',
  lav: 'lv',
  est: 'et',
  slv: 'sl',
  afr: 'af',
  sco: 'en',
};
const iso3 = new Map(Object.entries(iso1).map(([three, one]) => [one, three]));

/** Below this many letters a guess is not worth a refusal. */
const minimumLetters = 200;
/**
 * franc scores languages relative to the best (1.0). On 200 English BBC articles English was always the best
 * guess; a short French news article still scores English at about 0.88.
 */
const threshold = 0.9;

function englishName(code: string): string {
  try {
    return languageNames('en').of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The language a text is most likely written in (ISO 639-1 where known), and how the expected language scores
 * against it, from character trigrams (franc). `undefined` when the text is too short to tell.
 */
export function guessLanguage(
  text: string,
  expected: string,
): { language: string; expectedScore: number } | undefined {
  const sample = text.slice(0, 6000);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < minimumLetters) return undefined;
  const scores = francAll(sample, { minLength: minimumLetters });
  const [best] = scores;
  if (!best || best[0] === 'und') return undefined;
  const expected3 = iso3.get(expected) ?? expected;
  const expectedScore = scores.find(([code]) => code === expected3 || iso1[code] === expected)?.[1] ?? 0;
  return { language: iso1[best[0]] ?? best[0], expectedScore };
}

/**
 * Refuses an article that is clearly not in the configured source language: translating it "from English" would
 * publish nonsense under every language. `auto` and languages the guesser cannot score are not checked.
 */
export function checkSourceLanguage(text: string, sourceLanguage: string): void {
  if (sourceLanguage === 'auto' || !iso3.has(sourceLanguage)) return;
  const guess = guessLanguage(text, sourceLanguage);
  if (!guess || guess.language === sourceLanguage || guess.expectedScore >= threshold) return;
  throw new ArticleError(
    'wrong-language',
    `The article appears to be in ${englishName(guess.language)} (${guess.language}), but this pipeline translates from ${englishName(sourceLanguage)} (${sourceLanguage}).`,
    (nameOf) =>
      `Upload it to a pipeline whose source language is ${guess.language}, or set ${nameOf('sourceLanguage')} to ${guess.language}, or to auto to detect each article's language.`,
  );
}
