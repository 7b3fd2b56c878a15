/**
 * Hand-written closed word classes that signal an entity type around a name. They are general English and news
 * vocabulary, written for this project (not learned from any evaluation data). Compared lower-case.
 */
const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Words that come before a person's name and are part of a role, never of the name. */
export const personTitles = words(`
  mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president vice-president premier chancellor minister
  secretary senator sen. sen representative rep. congressman congresswoman governor gov. mayor ambassador envoy
  king queen prince princess emperor pope cardinal archbishop bishop rev. reverend father sheikh emir sultan
  ayatollah imam rabbi general gen. gen colonel col. lieutenant lt. major maj. captain capt. sergeant sgt. admiral
  marshal commander judge justice chairman chairwoman chair chief director spokesman spokeswoman spokesperson
  coach manager striker midfielder defender goalkeeper keeper forward batsman bowler pitcher champion player
  leader boss founder owner officer adviser advisor analyst economist dealer trader strategist
  commissioner deputy counsellor councillor attorney prosecutor candidate challenger nominee actor actress
  singer writer author director producer editor correspondent reporter professor dean fellow researcher expert
  chief-executive ceo cfo coo executive treasurer auditor lawyer president-elect ex-president
  nurse doctor teacher farmer engineer scientist biologist physicist chemist architect pilot driver shopkeeper
  fisherman farmer planner investigator inspector detective constable superintendent organiser developer tenant
  resident student pupil
`);

/** Words that mark a heading role word as part of an office (`Foreign Minister`, `National Security Adviser`). */
export const roleModifiers = words(`
  foreign finance defence defense interior home trade economy economic prime deputy vice acting former first
  national security state chief executive general senior junior assistant associate special managing
  opposition central federal regional local party army navy air health education justice culture energy
  agriculture transport labour labor industry environment information communications
`);

/** Last words of organisation names (`... Inc`, `... Party`, `... Ministry`). */
export const organisationHeads = words(`
  inc inc. corp corp. corporation co co. ltd ltd. plc llc ag sa nv bv gmbh spa group holdings holding bank banks
  party union council association federation confederation committee commission ministry department agency
  institute institution university college school academy club fc afc united rovers athletic wanderers city
  airlines airways motors industries international systems technologies exchange fund trust organisation
  organization foundation army navy police court parliament congress senate assembly government office board
  authority service services news times post journal press network television tv radio league front movement
  alliance initiative forum society bureau centre center company companies enterprises partners securities
  capital investments insurance petroleum oil energy telecom communications railways railway commission
  cabinet secretariat tribunal brigade brigades guard corps church mission fund programme program
`);

/** Common nouns for kinds of organisation that name one next to them (`the Norwegian firm Equinor`). */
export const organisationNouns = words(`
  firm company companies group charity airline carrier maker manufacturer retailer insurer lender bank operator
  agency club team side newspaper broadcaster network union party council ministry department university
  developer supplier producer exporter utility conglomerate brewer miner bank broker consortium partnership
  regulator watchdog
`);

/** Words that make a capitalised phrase a place (`Yellow River`, `Mount Kenya`). */
export const placeHeads = words(`
  river lake mount mountain mountains island islands sea ocean gulf bay valley street avenue road square
  province state region county district republic kingdom peninsula strait canal desert coast airport port
  heights plateau basin delta falls forest park bridge
`);

/** Capitalised words that open sentences and clauses but never names (`And Ireland's`, `I`). */
export const notNames = words(`
  i a an and but or so then as if when while after before because he she it we they you his her its our their
  this that these those there here yes no not also however meanwhile 's ’s
`);

/** Honorifics: they say nothing about what a person does, so they are never a person's role. */
export const honorifics = words('mr mr. mrs mrs. ms ms. miss mx sir dame');

/** First words of street names in many languages (`Avenida del Puerto`, `Rue Saint-Denis`, `Via Roma`). */
export const streetHeads = words(`
  avenida avenue av. boulevard bd calle carrer carretera camino paseo passeig plaza placa plaça praça rua rue via
  viale vicolo corso piazza strada largo ulica ulitsa prospekt rambla travessera ronda
`);

/** Last words of street and building names (`Baker Street`, `Fifth Avenue`, `Alexander Fleming Building`). */
export const streetTails = words(`
  street st st. avenue ave ave. road rd rd. lane boulevard drive square crescent terrace embankment strasse straße
  gasse platz allee weg building tower hall house bridge stadium
`);

/** Small words inside street names in Romance and Germanic languages (`Avenida del Puerto`, `Via della Pace`). */
export const streetConnectors = words(
  'de del de la dels des di da do dos das della delle dei degli du van von der',
);

/** Compass words that, alone after `the`, name a bloc or a direction rather than a place (`the West`). */
export const blocWords = words('west east');

/**
 * First words of institutions whose names coordinate fields after `of` (`School of Oriental and African Studies`,
 * `Ministry of Foreign Affairs and Trade`).
 */
export const institutionHeads = words(`
  institute school department faculty ministry centre center college academy museum society office bureau
  division board
`);

/** Last words that make a name an institution's, even when it begins with a place (`Imperial College`). */
export const institutionTails = words(`
  college university school institute academy polytechnic hospital clinic museum ministry council
`);

/** Words before a place name (`in Moscow`, `from Beijing`). */
export const placePrepositions = words(
  'in at from to into near across outside inside via toward towards around',
);

/** Verbs that introduce what someone said. */
export const reportingVerbs = words(`
  said says say told tell tells stated states state added adds emphasized emphasised emphasizes emphasises
  stressed stresses explained explains noted notes argued argues warned warns insisted insists announced
  announces confirmed confirms reaffirmed reaffirms claimed claims declared declares asserted asserts
  believes believe believed suggested suggests acknowledged acknowledges admitted admits revealed reveals
  urged urges highlighted highlights pointed reiterated reiterates underlined underscored
`);

export const months = words(`
  january february march april may june july august september october november december jan jan. feb feb. mar
  mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec.
`);

export const weekdays = words(`
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
`);

/** Words whose identity is a safe context cue: grammatical words, not names. */
export const functionWords = words(`
  the a an of in on at to for from by with and or but as that this these those is was were be been are has have
  had will would could should may might can said says told he she they it his her its their who which where when
  after before during against between over under about than then also not no into up down out off said
  per vs vs. v v. versus - ( ) , . : ; " ' 's ’s mr mrs ms dr president minister against beat beats drew lost won
  led leads leader chairman spokesman coach team players club league cup game match champion champions
  company group bank party government officials police minister ministry agency
`);

/** Suffixes typical of nationality adjectives and of surnames in many languages. */
export const demonymSuffixes = ['ian', 'ese', 'ish', 'an', 'i'];
export const surnameSuffixes = [
  'ov',
  'ova',
  'ev',
  'eva',
  'sky',
  'ski',
  'ska',
  'enko',
  'vic',
  'vich',
  'ic',
  'son',
  'sen',
  'ez',
  'es',
  'escu',
  'idis',
  'opoulos',
  'ini',
  'elli',
  'etti',
  'ić',
  'berg',
  'stein',
  'mann',
  'wski',
];

/** Acronyms of things, not of organisations or people: eras, time zones, common technical and medical terms. */
export const thingAcronyms = words(`
  BC BCE AD CE AM PM GMT UTC BST EST EDT PST PDT CET CEST IST JST
  DNA RNA mRNA AI GDP GNP GNI CPI HIV AIDS SARS COVID CO2 TV CEO CFO COO CTO GPS UV LED LCD PC CD DVD IQ ID PDF
  URL HTML USB SMS MP3 ATM VAT PhD MBA BSc MSc MRI ICU DIY FAQ VIP HQ PTSD ADHD BMI IVF SUV LGBT LGBTQ IPO
`);

/**
 * Last words of the names of treaties, laws, events, eras, ideas and works, never of organisations (`Riga Peace
 * Treaty`, `Clean Air Act`, `Hierarchy of Needs Theory`, `Cape Route`); a person may be called Law.
 */
export const workHeads = words(`
  treaty treaties pact accord accords agreement protocol act declaration charter doctrine theory war wars
  revolution uprising rebellion crisis massacre games olympics cup championship championships tournament prize
  award awards era age period dynasty law laws principle theorem hypothesis effect syndrome battle constitution
  amendment route
`);
