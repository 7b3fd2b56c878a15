import type { EntityMention } from '../ner/recognise.js';
import type { TokenTable } from '../token-table.js';
import type { Organisation, Person, Place } from '../types.js';
import { cleanMentions } from './clean-up.js';
import { buildOrganisations } from './organisations.js';
import { buildPeople } from './people.js';
import { buildPlaces } from './places.js';
import { propagate } from './propagation.js';

/**
 * Turns tagged mentions into the facts a reader expects: one person per human being under their full name with
 * the titles the article gives them, organisations tied to their acronyms, and places under one name each.
 */

export interface EntityFacts {
  readonly people: Person[];
  readonly organisations: Organisation[];
  readonly places: Place[];
}

/**
 * People, organisations and places from the tagger's mentions. Acronyms tied to an organisation count as its
 * mentions wherever they appear, tagged or not.
 */
export function buildEntities(text: string, raw: readonly EntityMention[], tokens: TokenTable): EntityFacts {
  const mentions = propagate(text, cleanMentions(text, raw, tokens), tokens);
  return {
    people: buildPeople(
      mentions.filter((item) => item.type === 'PER'),
      tokens,
    ),
    organisations: buildOrganisations(
      text,
      mentions.filter((item) => item.type === 'ORG'),
    ),
    places: buildPlaces(mentions.filter((item) => item.type === 'LOC')),
  };
}
