// Development aid: `npx tsx bench/lib/dev-errors.ts ORG [--tagger]` lists the extractor's errors of one type on the
// CoNLL-2003 development split (valid.txt), where features and rules are chosen; with --tagger, the tagger's alone.
// Never run it on a test split.

import { extractFacts } from '../../functions/core/facts/index.js';
import { recogniseEntities } from '../../functions/core/facts/ner/recognise.js';
import { conllSourceDocument, hasConll, readConll } from './conll.js';

if (!hasConll()) {
  console.log('../shared/eval/conll2003/valid.txt not found.');
  process.exit(0);
}
const type = process.argv[2] ?? 'ORG';
const taggerOnly = process.argv.includes('--tagger');
for (const d of readConll()) {
  const predicted = taggerOnly
    ? recogniseEntities(d.text, d.sentences).mentions
    : (() => {
        const facts = extractFacts(conllSourceDocument(d), { referenceDate: '1996-08-30' });
        return [
          ...facts.people.flatMap((p) => p.mentions.map((m) => ({ ...m, type: 'PER' }))),
          ...facts.organisations.flatMap((o) => o.mentions.map((m) => ({ ...m, type: 'ORG' }))),
          ...facts.places.flatMap((p) => p.mentions.map((m) => ({ ...m, type: 'LOC' }))),
        ];
      })();
  const key = (e: { type: string; start: number; end: number }) => `${e.type}:${e.start}:${e.end}`;
  const p = new Set(predicted.map(key));
  const g = new Set(d.entities.map(key));
  const ctx = (s: number, e: number) =>
    `${d.text.slice(Math.max(0, s - 30), s).replace(/\n/g, ' / ')}[[${d.text.slice(s, e)}]]${d.text.slice(e, e + 30).replace(/\n/g, ' / ')}`;
  for (const e of d.entities)
    if (e.type === type && !p.has(key(e))) {
      const o = predicted.find((x) => x.start < e.end && e.start < x.end);
      console.log(
        `FN ${d.number} ${o ? `${o.type}:${d.text.slice(o.start, o.end)}` : '-'}\t${ctx(e.start, e.end)}`,
      );
    }
  for (const e of predicted)
    if (e.type === type && !g.has(key(e))) {
      const o = d.entities.find((x) => x.start < e.end && e.start < x.end);
      console.log(
        `FP ${d.number} ${o ? `${o.type}:${d.text.slice(o.start, o.end)}` : '-'}\t${ctx(e.start, e.end)}`,
      );
    }
}
