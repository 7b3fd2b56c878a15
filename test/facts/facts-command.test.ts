import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { factsCommand } from '../../functions/cli/facts-command.js';
import { sampleUrl } from './helpers.js';

function capture(): { stream: Writable; lines: () => string[] } {
  let output = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      output += String(chunk);
      done();
    },
  });
  return { stream, lines: () => output.split('\n').filter(Boolean) };
}

describe('factsCommand', () => {
  const seed = fileURLToPath(sampleUrl('wang-yi-moscow-visit.txt'));
  const html = fileURLToPath(sampleUrl('wind-farm-approval.html'));

  it('prints one JSON line per file in the order given and exits 0', async () => {
    const out = capture();
    const err = capture();
    const status = await factsCommand([seed, html], { stdout: out.stream, stderr: err.stream });
    expect(status).toBe(0);
    const [first, second] = out.lines().map((line) => JSON.parse(line));
    expect(out.lines()).toHaveLength(2);
    expect(first).toMatchObject({ file: seed, dateline: { date: '2023-09-22', place: 'Moscow' } });
    expect(first.headline).toMatch(/^Top Chinese diplomat/);
    expect(first.text).toBeUndefined();
    expect(first.facts.people.map((p: { name: string }) => p.name)).toContain('Vladimir Putin');
    expect(first.summary.length).toBeGreaterThanOrEqual(3);
    // HTML: offsets index the extracted text, which the line carries.
    expect(second.file).toBe(html);
    expect(typeof second.text).toBe('string');
    for (const place of second.facts.places) {
      for (const mention of place.mentions)
        expect(second.text.slice(mention.start, mention.end)).toMatch(/^\p{Lu}/u);
    }
  });

  it('prints an error line for a file it cannot read, goes on with the rest, and exits 1', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'polybrief-facts-'));
    const empty = join(folder, 'empty.txt');
    writeFileSync(empty, '');
    const missing = join(folder, 'missing.txt');
    const out = capture();
    const status = await factsCommand([missing, empty, seed], {
      stdout: out.stream,
      stderr: capture().stream,
    });
    expect(status).toBe(1);
    const lines = out.lines().map((line) => JSON.parse(line));
    expect(lines.map((line) => line.file)).toEqual([missing, empty, seed]);
    expect(lines[0]).toEqual({ file: missing, error: 'No such file.' });
    expect(lines[1]).toEqual({ file: empty, error: expect.stringMatching(/empty/u) });
    expect(lines[2].facts).toBeDefined();
  });
});
