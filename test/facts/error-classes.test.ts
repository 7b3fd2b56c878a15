import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../functions/core/facts/index.js';
import { article, surfaces } from './helpers.js';

// Each block is a class of error an editor catches at once, tested on sentences written for these tests (not
// the samples, not the evaluation data): a rule that only fixed one sentence would not pass them all.

const people = (body: string): string[] => extractFacts(article(body)).people.map((person) => person.name);
const places = (body: string): string[] => extractFacts(article(body)).places.map((place) => place.name);
const organisations = (body: string): string[] =>
  extractFacts(article(body)).organisations.map((organisation) => organisation.name);

describe('error class: street and building names are not people', () => {
  it.each([
    ['The new bus lane on Avenida del Puerto opens on Monday.', 'Avenida del Puerto'],
    ['The market moved from Rue Saint-Denis to Boulevard Haussmann last spring.', 'Boulevard Haussmann'],
    ['Shops on Calle de Alcalá stayed shut during the strike.', 'Calle de Alcalá'],
    ['Traffic on Via della Conciliazione was stopped for the procession.', 'Via della Conciliazione'],
  ])('%s', (body, street) => {
    expect(people(body)).toEqual([]);
    expect(places(body)).toContain(street);
  });

  it('keeps a building named after someone out of the people', () => {
    expect(people('Students were moved out of the Alexander Fleming Building after the fire.')).toEqual([]);
  });
});

describe('error class: a place name alone is not a person', () => {
  it.each([
    ['The bus runs between Woking and Chester every hour.', 'Chester'],
    ['The bus runs between Woking and Stafford every hour.', 'Stafford'],
    ['Flooding closed the railway line between Reading and Swindon on Sunday.', 'Swindon'],
    ['Rowers set off from Putney and finished near Greenwich before noon.', 'Greenwich'],
  ])('%s', (body, place) => {
    expect(people(body)).toEqual([]);
    expect(places(body)).toContain(place);
  });

  it('still reads a surname that is also a town as the person named in full', () => {
    const facts = extractFacts(
      article('Coach Peter Reading named his squad on Monday. Reading said the team was ready.'),
    );
    expect(facts.people.map((person) => person.name)).toEqual(['Peter Reading']);
  });
});

describe('error class: the place a dateline names is a place', () => {
  it.each([
    'London, 2 April 2024 – The council approved the new cycle lanes on Tuesday.',
    'Halifax, 9 May 2024 – The ferry returned to service after repairs.',
    'Chester, 11 June 2024 – Firefighters tackled a blaze at a warehouse overnight.',
  ])('%s', (body) => {
    const document = article(body);
    const facts = extractFacts(document);
    const place = document.dateline?.place ?? '';
    expect(facts.places.map((item) => item.name)).toContain(place);
    expect([...facts.people, ...facts.organisations].map((item) => item.name)).not.toContain(place);
  });
});

describe('error class: "the West" and "the East" as blocs are not places', () => {
  it.each([
    'Sanctions imposed by Washington and the West have not stopped the trade.',
    'Relations between Moscow and the West are at their lowest point in decades.',
    'The summit was meant to ease tension between the East and the West.',
  ])('%s', (body) => {
    const found = places(body);
    expect(found).not.toContain('West');
    expect(found).not.toContain('East');
  });

  it('keeps compass names that are places: the West Bank, East Timor', () => {
    expect(places('Talks on the West Bank resumed while observers flew to East Timor.')).toEqual(
      expect.arrayContaining(['West Bank', 'East Timor']),
    );
  });
});

describe('error class: an institution keeps its full name across commas and "and"', () => {
  it.each([
    [
      'She is a fellow at the Institute of Latin American, Iberian, and Caribbean Studies in Madrid.',
      'Institute of Latin American, Iberian, and Caribbean Studies',
    ],
    [
      'He taught at the School of Oriental and African Studies for a decade.',
      'School of Oriental and African Studies',
    ],
    [
      'A report by the Department of Earth and Planetary Sciences was published on Tuesday.',
      'Department of Earth and Planetary Sciences',
    ],
  ])('%s', (body, name) => {
    expect(organisations(body)).toContain(name);
  });

  it('does not swallow a list of places or other names after an institution', () => {
    const found = organisations('The Ministry of Defence, France and Germany signed the treaty.');
    expect(found.some((name) => name.includes('France'))).toBe(false);
  });
});

describe('error class: a party adjective before a title is not a name', () => {
  it('gives the person after the title as the speaker, and no person or speaker named after the party', () => {
    const facts = extractFacts(
      article('"The new timetable leaves whole estates without a bus," said Green councillor Emma Blake.'),
    );
    expect(facts.people.map((person) => person.name)).toEqual(['Emma Blake']);
    expect(facts.quotes.map((quote) => quote.speaker)).toEqual(['Emma Blake']);
  });

  it.each([
    'Labour councillor Priya Shah voted against the plan on Thursday.',
    'Conservative MP Daniel Hughes asked the minister to explain the delay.',
    'Liberal senator Karen Doyle abstained.',
  ])('%s', (body) => {
    const found = people(body);
    expect(found).toHaveLength(1);
    expect(found[0]?.split(' ')).toHaveLength(2);
  });
});

describe('error class: role words before a title belong to the role, not to a name', () => {
  it.each([
    ['A letter from EU Foreign Affairs Commissioner Marta Kos arrived on Monday.', 'EU'],
    ['Officials from Japan met US National Security Adviser Tom Reid on Friday.', 'United States'],
    ['Aid was promised by UK Development Minister Sam Clarke on Tuesday.', 'United Kingdom'],
  ])('%s', (body, rest) => {
    const facts = extractFacts(article(body));
    const names = [...facts.organisations, ...facts.places].map((item) => item.name);
    expect(names).toContain(rest);
    if (rest !== 'EU') expect(facts.organisations.map((item) => item.name)).toEqual([]);
    expect(names.some((name) => /Foreign|National/u.test(name))).toBe(false);
  });
});

describe('error class: an institution named after a place is an organisation', () => {
  it('reads "Imperial College" and "Tokyo University" as organisations, not places', () => {
    const body = 'She trained at Imperial College before moving to Tokyo University.';
    expect(organisations(body)).toEqual(expect.arrayContaining(['Imperial College', 'Tokyo University']));
    expect(places(body)).toEqual([]);
  });
});

describe('error class: reported speech after a speaker and a verb of saying is a reported quote', () => {
  it.each([
    [
      'Prime Minister Leila Haddad reaffirmed her government’s commitment to the ceasefire on Monday.',
      'Leila Haddad',
      'her government’s commitment to the ceasefire on Monday',
    ],
    [
      'Health Minister Ravi Menon stressed the need for more nurses in rural hospitals.',
      'Ravi Menon',
      'the need for more nurses in rural hospitals',
    ],
    [
      'Central bank governor Ingrid Falk noted that inflation had fallen for a third month.',
      'Ingrid Falk',
      'inflation had fallen for a third month',
    ],
  ])('%s', (body, speaker, words) => {
    const document = article(body);
    const quotes = extractFacts(document).quotes;
    expect(quotes).toEqual([expect.objectContaining({ kind: 'reported', speaker, text: words })]);
    expect(surfaces(document, quotes)).toEqual([words]);
  });

  it('tells a direct quote (words in quotation marks) from reported speech, and gives the marks', () => {
    const document = article(
      'Mayor Tomas Berg announced the plan on Friday. "Nobody will lose their home," Berg said. He added that the work would take two years.',
    );
    const quotes = extractFacts(document).quotes;
    expect(quotes.map((quote) => [quote.kind, quote.speaker, quote.text])).toEqual([
      ['direct', 'Tomas Berg', 'Nobody will lose their home'],
      ['reported', 'Tomas Berg', 'the work would take two years'],
    ]);
    const direct = quotes[0];
    expect(direct?.quotation && document.text.slice(direct.quotation.start, direct.quotation.end)).toBe(
      '"Nobody will lose their home,"',
    );
    expect(quotes[1]?.quotation).toBeUndefined();
  });
});
