/**
 * What the repairs of a language do, as a short hash: part of Apertium's settings for that language, so a
 * translation remembered (or a set published) before a repair changed is made again rather than served. It is
 * the repairs' own output on probe sentences that exercise each of them, so a changed rule changes it without
 * anybody remembering to bump a version.
 */
import { createHash } from 'node:crypto';
import { type ApertiumRepairs, repairSource, repairTranslation } from './apertium-repairs.js';

const kept = (id: number, name: string) => `<span id=${id} translate=no>${name}</span>`;

/** English sources, and answers in the shapes each pair gives, for every repair. */
const PROBES: readonly { readonly source: string; readonly answers: readonly string[] }[] = [
  {
    source: 'a four-day trip with 4-month-old mice. Over 800,000 people came on July 4, 1776 for 3.5 hours.',
    answers: ['un viaje de cuatro - día con 800,000 personas el julio 4, 1776 durante 3.5 horas .'],
  },
  {
    source: `“Learning” is over 10 km? The ${kept(1, 'Red Cross')} said that the city's streets were founded.`,
    answers: [
      '“aprendiendo” es encima 10 km? Más que 10. Estuvo fundada. La calle es más que 3 km!',
      `${kept(1, 'Red Cross')} diris ke la stratojde la urbo estis fondita. Ĝi estas grava trinki akvon.`,
    ],
  },
  {
    source:
      'Smaller tournaments forced you to go on 4 July. Parents end their rights. Insects which were studied are old.',
    answers: [
      'Pli Malgrandaj turniroj, deviganta vin iri. Gepatroj finas iliajn rajtojn.',
      'la insektoj kiu estis studita estas malnova ĉar la ĉeloj influita. Ili estas kuirita.',
      'Per qué falla? Més que 800 000 i 9 de marzo. Máis que 800 persoas.',
    ],
  },
];

/** A hash of what `repairs` does to the probe sentences; empty for no repairs at all. */
export function repairsFingerprint(repairs: ApertiumRepairs | undefined): string {
  if (!repairs) return '';
  const hash = createHash('sha256');
  for (const probe of PROBES) {
    hash.update(repairSource(probe.source, repairs));
    for (const answer of probe.answers) hash.update(`\0${repairTranslation(answer, probe.source, repairs)}`);
    hash.update('\n');
  }
  return hash.digest('hex').slice(0, 10);
}
