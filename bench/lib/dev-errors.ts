// Development aid: `npx tsx bench/lib/dev-errors.ts ORG` lists tagger errors on documents 55–108 (fit split only,
// never the report split); meaningful after `scripts/build-lexicon-ner-model.ts --first-half`.

import { recogniseEntities } from '../../functions/core/facts/ner/recognise.js';
import { fitDocuments, hasConll, readConll } from './conll.js';

if (!hasConll()) {
  console.log('../shared/eval/conll2003/valid.txt not found.');
  process.exit(0);
}
const docs = readConll().filter((d) => fitDocuments(d.number) && d.number > 54);
const type = process.argv[2] ?? 'ORG';
for (const d of docs) {
  const pred = recogniseEntities(d.text, d.sentences).mentions;
  const key = (e: { type: string; start: number; end: number }) => `${e.type}:${e.start}:${e.end}`;
  const p = new Set(pred.map(key));
  const g = new Set(d.entities.map(key));
  const ctx = (s: number, e: number) =>
    `${d.text.slice(Math.max(0, s - 30), s).replace(/\n/g, ' / ')}[[${d.text.slice(s, e)}]]${d.text.slice(e, e + 30).replace(/\n/g, ' / ')}`;
  for (const e of d.entities)
    if (e.type === type && !p.has(key(e))) {
      const o = pred.find((x) => x.start < e.end && e.start < x.end);
      console.log(`FN ${d.number} ${o ? `${o.type}:${o.text}` : '-'}\t${ctx(e.start, e.end)}`);
    }
  for (const e of pred)
    if (e.type === type && !g.has(key(e))) {
      const o = d.entities.find((x) => x.start < e.end && e.start < x.end);
      console.log(
        `FP ${d.number} ${o ? `${o.type}:${d.text.slice(o.start, o.end)}` : '-'}\t${ctx(e.start, e.end)}`,
      );
    }
}
