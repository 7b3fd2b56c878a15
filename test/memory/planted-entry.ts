import { createHash, createHmac } from 'node:crypto';

/**
 * A memory entry as someone who can write to the bucket would plant it: a translation changed, and every
 * checksum they can compute recomputed (the SHA-256 entries used to carry, markup included as it was; an HMAC
 * under a key they guess).
 */
export function planted(body: string, from: string, to: string): string {
  const entry = JSON.parse(body) as Record<string, unknown> & {
    rows: [string, string, string | null][];
    markup?: string;
  };
  entry.rows = entry.rows.map(([text, translation, detected]) => [
    text,
    translation.replace(from, to),
    detected,
  ]);
  const content = JSON.stringify([
    entry.format,
    entry.engine,
    entry.settings,
    entry.sourceLanguage,
    entry.targetLanguage,
    ...(entry.markup === undefined ? [] : [`markup=${entry.markup}`]),
    entry.rows,
  ]);
  entry.sha256 = createHash('sha256').update(content).digest('hex');
  entry.hmac = createHmac('sha256', 'polybrief').update(content).digest('hex');
  return JSON.stringify(entry);
}
