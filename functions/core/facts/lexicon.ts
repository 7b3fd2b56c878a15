import { firstNames } from './data/first-names.js';
import { namesA } from './data/names-a.js';
import { namesB } from './data/names-b.js';
import { cities, continents, countries, demonyms, regions } from './data/places.js';
import { wordFrequencies } from './data/word-frequencies.js';
import { packedBuckets, packedIncludes } from './packed-list.js';

/** Kinds of place or name a phrase of the gazetteers can be. */
export type GazetteerKind = 'country' | 'city' | 'region' | 'area' | 'demonym';

export interface Lexicon {
  readonly firstNames: ReadonlySet<string>;
  /** First and last names from census and social-media lists. */
  readonly names: { has(name: string): boolean };
  /** Lower-cased city name → floor(log10(population)). */
  readonly cities: { get(name: string): number | undefined; has(name: string): boolean };
  /** The kinds a lower-cased phrase is (`new york` → city, region); `maxPhraseWords` bounds phrase length. */
  phraseKinds(phrase: string): GazetteerKind[];
  readonly maxPhraseWords: number;
  /** Country name or alias (as written) → canonical country name. */
  readonly countryNames: ReadonlyMap<string, string>;
  /** Nationality adjective → country (`Chinese` → `China`). */
  readonly demonyms: ReadonlyMap<string, string>;
  /** Word as usually written → floor(log2(count)) in SUBTLEX; `may` and `May` are different entries. */
  readonly wordFrequency: ReadonlyMap<string, number>;
}

// Country names and adjectives the generated lists spell differently or lack (common in news copy).
const extraCountries: readonly (readonly [string, string])[] = [
  ['Britain', 'United Kingdom'],
  ['Great Britain', 'United Kingdom'],
  ['England', 'England'],
  ['Scotland', 'Scotland'],
  ['Wales', 'Wales'],
  ['Northern Ireland', 'Northern Ireland'],
  ['U.S.', 'United States'],
  ['U.S.A.', 'United States'],
  ['U.K.', 'United Kingdom'],
  ['US', 'United States'],
  ['UK', 'United Kingdom'],
  ['USA', 'United States'],
  ['America', 'United States'],
  ['Holland', 'Netherlands'],
  ['Russia', 'Russia'],
  ['Russian Federation', 'Russia'],
  ['South Korea', 'South Korea'],
  ['North Korea', 'North Korea'],
  ['Ivory Coast', 'Ivory Coast'],
  ['Czech Republic', 'Czech Republic'],
  ['Zaire', 'Zaire'],
  ['Yugoslavia', 'Yugoslavia'],
  ['Soviet Union', 'Soviet Union'],
  ['USSR', 'Soviet Union'],
  ['Burma', 'Myanmar'],
  ['Taiwan', 'Taiwan'],
  ['Hong Kong', 'Hong Kong'],
  ['Macau', 'Macau'],
  ['Palestine', 'Palestine'],
  ['Bosnia', 'Bosnia and Herzegovina'],
  ['Herzegovina', 'Bosnia and Herzegovina'],
  ['Serbia', 'Serbia'],
  ['Montenegro', 'Montenegro'],
  ['Kosovo', 'Kosovo'],
  ['Chechnya', 'Chechnya'],
  ['Vatican', 'Vatican City'],
  ['East Timor', 'East Timor'],
  ['Tibet', 'Tibet'],
  ['Iran', 'Iran'],
  ['Syria', 'Syria'],
  ['Vietnam', 'Vietnam'],
  ['Laos', 'Laos'],
  ['Moldova', 'Moldova'],
  ['Bolivia', 'Bolivia'],
  ['Venezuela', 'Venezuela'],
  ['Tanzania', 'Tanzania'],
  ['Congo', 'Congo'],
  ['Macedonia', 'North Macedonia'],
  ['Swaziland', 'Eswatini'],
  ['Cape Verde', 'Cape Verde'],
  ['Gaza', 'Gaza'],
  ['West Bank', 'West Bank'],
];
const extraAreas = [
  'Europe',
  'Asia',
  'Africa',
  'North America',
  'South America',
  'Latin America',
  'Central America',
  'Middle East',
  'Near East',
  'Far East',
  'Gulf',
  'Persian Gulf',
  'Caribbean',
  'Balkans',
  'Scandinavia',
  'Siberia',
  'Antarctica',
  'Arctic',
  'Central Asia',
  'Eastern Europe',
  'Western Europe',
  'Central Europe',
  'Southeast Asia',
  'South Asia',
  'East Asia',
  'Baltics',
  'Caucasus',
  'Pacific',
  'Atlantic',
  'Mediterranean',
  'Oceania',
  'Eurasia',
  'Sahara',
  'Sahel',
  'Horn of Africa',
  'Kashmir',
  'Kurdistan',
  'Punjab',
  'Bavaria',
  'Catalonia',
  'Flanders',
  'Wallonia',
  'Ulster',
  'Crimea',
  'Donbas',
  'Patagonia',
  'Amazon',
  'Himalayas',
  'Alps',
  'Andes',
];
const extraDemonyms: readonly (readonly [string, string])[] = [
  ['American', 'United States'],
  ['British', 'United Kingdom'],
  ['English', 'England'],
  ['Scottish', 'Scotland'],
  ['Scots', 'Scotland'],
  ['Welsh', 'Wales'],
  ['Irish', 'Ireland'],
  ['Dutch', 'Netherlands'],
  ['Russian', 'Russia'],
  ['Chinese', 'China'],
  ['Soviet', 'Soviet Union'],
  ['Yugoslav', 'Yugoslavia'],
  ['Palestinian', 'Palestine'],
  ['Israeli', 'Israel'],
  ['Iranian', 'Iran'],
  ['Iraqi', 'Iraq'],
  ['Kurdish', 'Kurdistan'],
  ['Bosnian', 'Bosnia'],
  ['Serb', 'Serbia'],
  ['Serbian', 'Serbia'],
  ['Croat', 'Croatia'],
  ['Croatian', 'Croatia'],
  ['Czech', 'Czechia'],
  ['Slovak', 'Slovakia'],
  ['Filipino', 'Philippines'],
  ['Argentine', 'Argentina'],
  ['Argentinian', 'Argentina'],
  ['Taiwanese', 'Taiwan'],
  ['Korean', 'Korea'],
  ['Vietnamese', 'Vietnam'],
  ['Thai', 'Thailand'],
  ['Swiss', 'Switzerland'],
  ['Kenyan', 'Kenya'],
  ['Zairean', 'Zaire'],
  ['Chechen', 'Chechnya'],
  ['Tibetan', 'Tibet'],
  ['European', 'Europe'],
  ['Asian', 'Asia'],
  ['African', 'Africa'],
  ['Arab', ''],
  ['Western', ''],
  ['Eastern', ''],
  ['Latin', ''],
  ['Catalan', 'Catalonia'],
  ['Basque', ''],
  ['Flemish', ''],
  ['Walloon', ''],
  ['Bavarian', 'Bavaria'],
  ['Australian', 'Australia'],
  ['Canadian', 'Canada'],
  ['Mexican', 'Mexico'],
  ['Brazilian', 'Brazil'],
  ['Indian', 'India'],
  ['Pakistani', 'Pakistan'],
  ['Japanese', 'Japan'],
  ['German', 'Germany'],
  ['French', 'France'],
  ['Italian', 'Italy'],
  ['Spanish', 'Spain'],
  ['Portuguese', 'Portugal'],
  ['Greek', 'Greece'],
  ['Turkish', 'Turkey'],
  ['Polish', 'Poland'],
  ['Hungarian', 'Hungary'],
  ['Romanian', 'Romania'],
  ['Bulgarian', 'Bulgaria'],
  ['Ukrainian', 'Ukraine'],
  ['Belarusian', 'Belarus'],
  ['Swedish', 'Sweden'],
  ['Norwegian', 'Norway'],
  ['Danish', 'Denmark'],
  ['Finnish', 'Finland'],
  ['Belgian', 'Belgium'],
  ['Austrian', 'Austria'],
  ['Egyptian', 'Egypt'],
  ['Saudi', 'Saudi Arabia'],
  ['Syrian', 'Syria'],
  ['Lebanese', 'Lebanon'],
  ['Jordanian', 'Jordan'],
  ['Afghan', 'Afghanistan'],
  ['Nigerian', 'Nigeria'],
  ['South African', 'South Africa'],
  ['Colombian', 'Colombia'],
  ['Peruvian', 'Peru'],
  ['Chilean', 'Chile'],
  ['Cuban', 'Cuba'],
  ['Indonesian', 'Indonesia'],
  ['Malaysian', 'Malaysia'],
  ['Singaporean', 'Singapore'],
  ['Zimbabwean', 'Zimbabwe'],
  ['Algerian', 'Algeria'],
  ['Moroccan', 'Morocco'],
  ['Tunisian', 'Tunisia'],
  ['Libyan', 'Libya'],
  ['Sudanese', 'Sudan'],
  ['Ethiopian', 'Ethiopia'],
  ['Somali', 'Somalia'],
  ['Rwandan', 'Rwanda'],
  ['Burundian', 'Burundi'],
  ['Ugandan', 'Uganda'],
  ['Georgian', 'Georgia'],
  ['Armenian', 'Armenia'],
  ['Azeri', 'Azerbaijan'],
  ['Lithuanian', 'Lithuania'],
  ['Latvian', 'Latvia'],
  ['Estonian', 'Estonia'],
  ['Slovenian', 'Slovenia'],
  ['Albanian', 'Albania'],
  ['Macedonian', 'Macedonia'],
  ['Cypriot', 'Cyprus'],
  ['Maltese', 'Malta'],
  ['Icelandic', 'Iceland'],
  ['Mongolian', 'Mongolia'],
  ['Kazakh', 'Kazakhstan'],
  ['Uzbek', 'Uzbekistan'],
  ['Tajik', 'Tajikistan'],
  ['Sri Lankan', 'Sri Lanka'],
  ['Bangladeshi', 'Bangladesh'],
  ['Nepali', 'Nepal'],
];

const splitList = (packed: string): string[] => (packed ? packed.split('|') : []);

/** Keeps a look-up's answers for words seen before (articles repeat their words); bounded in size. */
function remembered<T>(lookUp: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    if (answers.size >= 100_000) answers.clear();
    const answer = lookUp(key);
    answers.set(key, answer);
    return answer;
  };
}

/** Reads `bucket:value|value;bucket:…` into value → bucket (for the lists that are looked up most). */
function readBuckets(packed: string, into: Map<string, number>): void {
  for (const group of packed.split(';')) {
    const colon = group.indexOf(':');
    const bucket = Number(group.slice(0, colon));
    for (const value of group.slice(colon + 1).split('|')) into.set(value, bucket);
  }
}

function build(): Lexicon {
  // Names and cities are the largest lists: searched in their packed form rather than loaded into sets.
  const cityBuckets = packedBuckets(cities).reverse();
  const cityBucket = remembered(
    (name: string): number | undefined =>
      cityBuckets.find((group) => packedIncludes(group.values, name))?.bucket,
  );
  const cityMap = { get: cityBucket, has: (name: string) => cityBucket(name) !== undefined };
  const regionSet = new Set(splitList(regions.toLowerCase()));

  const countryNames = new Map<string, string>();
  for (const entry of splitList(countries)) {
    const [canonical = '', ...aliases] = entry.split('~');
    for (const name of [canonical, ...aliases]) countryNames.set(name, canonical);
  }
  for (const [name, canonical] of extraCountries) countryNames.set(name, canonical);
  const countrySet = new Set([...countryNames.keys()].map((name) => name.toLowerCase()));
  const areaSet = new Set([...splitList(continents), ...extraAreas].map((name) => name.toLowerCase()));

  const demonymMap = new Map<string, string>();
  for (const entry of splitList(demonyms)) {
    const [adjective = '', country = ''] = entry.split('~');
    demonymMap.set(adjective, country);
  }
  for (const [adjective, country] of extraDemonyms) demonymMap.set(adjective, country);
  const demonymSet = new Set([...demonymMap.keys()].map((name) => name.toLowerCase()));

  const wordFrequency = new Map<string, number>();
  readBuckets(wordFrequencies, wordFrequency);

  const names = {
    has: remembered((name: string) => packedIncludes(namesA, name) || packedIncludes(namesB, name)),
  };

  return {
    firstNames: new Set(splitList(firstNames)),
    names,
    cities: cityMap,
    phraseKinds: (phrase) => {
      const kinds: GazetteerKind[] = [];
      if (countrySet.has(phrase)) kinds.push('country');
      if (cityMap.has(phrase)) kinds.push('city');
      if (regionSet.has(phrase)) kinds.push('region');
      if (areaSet.has(phrase)) kinds.push('area');
      if (demonymSet.has(phrase)) kinds.push('demonym');
      return kinds;
    },
    maxPhraseWords: 4,
    countryNames,
    demonyms: demonymMap,
    wordFrequency,
  };
}

let cached: Lexicon | undefined;

/** The gazetteers, built on first use and kept for the life of the process. */
export function lexicon(): Lexicon {
  cached ??= build();
  return cached;
}
