import '../support/quiet-aws-sdk.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestJson } from '../../functions/core/contract.js';
import { articleIdFor } from '../../functions/core/publish/article-id.js';
import { getText, upload } from '../local/helpers.js';
import {
  type DevProcess,
  devEnvironment,
  killHard,
  publishedEventSources,
  publishedLines,
  startDev,
} from '../support/dev-process.js';
import { s3Client, startTestS3 } from '../support/embedded-s3-fixture.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';
import { watchManifests } from './support/bucket-watch.js';

const BUCKET = 'polybrief-local';
const idOf = (key: string) => articleIdFor(key, 'incoming/');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The complete manifests in the bucket's data folder, read with the endpoint alone (no pipeline running). */
async function manifestsAt(dataDir: string, keys: readonly string[]): Promise<Map<string, string>> {
  const bucket = await startTestS3(BUCKET, dataDir);
  try {
    const found = new Map<string, string>();
    for (const key of keys) {
      const text = await getText(bucket.client, `published/${idOf(key)}/manifest.json`, BUCKET);
      if (text !== undefined) found.set(key, (JSON.parse(text) as ManifestJson).publishedAt);
    }
    return found;
  } finally {
    await bucket.close({ keepData: true });
  }
}

describe('polybrief dev killed in the middle of an article (kill -9)', () => {
  let work: string;
  let translate: TranslateProtocolServer;
  const running: DevProcess[] = [];
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-kill-'));
    // Slow translations keep articles in flight, so the kill lands in the middle of one.
    translate = await startTranslateProtocolServer({ latencyMs: 250 });
  });
  afterAll(async () => {
    for (const dev of running) await killHard(dev);
    await translate?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('publishes every article exactly once after a restart, and no half-written set is ever visible', async () => {
    const data = join(work, 'data');
    const port = await freePort();
    const args = ['--port', String(port), '--data', data, '--translator', 'aws', '--languages', 'es,fr'];
    const env = devEnvironment(work, { AWS_ENDPOINT_URL_TRANSLATE: translate.endpoint });
    const keys = Array.from({ length: 6 }, (_, index) => `incoming/desk/story ${index + 1}.txt`);

    const first = startDev([...args, '--concurrency', '2'], env, work);
    running.push(first);
    const client = s3Client(await first.endpoint());
    const watch = watchManifests(client, BUCKET);
    for (const key of keys)
      await upload(client, key, `Story\n\nThe council met about ${key} on Monday. It agreed to act.\n`);
    await first.until((lines) => lines.some((line) => line.startsWith('published ')));
    // Mid-article: a translation of an article not yet published is on its way.
    while (!translate.requests.some((request) => request.finishedAt === undefined))
      await new Promise((resolve) => setTimeout(resolve, 5));
    await killHard(first);

    const publishedBeforeRestart = await manifestsAt(data, keys);
    const second = startDev(args, env, work);
    running.push(second);
    await second.until(() => publishedLines(second).length >= keys.length - publishedBeforeRestart.size);
    const seen = await watch.stop();
    client.destroy();
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);

    expect(publishedBeforeRestart.size).toBeGreaterThan(0);
    expect(publishedBeforeRestart.size).toBeLessThan(keys.length);
    const remaining = keys.length - publishedBeforeRestart.size;
    expect(second.lines).toContain(
      `Found ${remaining} upload${remaining === 1 ? '' : 's'} not processed yet (stopped before they were); processing them now.`,
    );
    expect(seen.problems).toEqual([]);
    expect(seen.rounds).toBeGreaterThan(5);
    for (const key of keys) {
      const publications = [...(seen.publications.get(idOf(key)) ?? [])];
      expect(publications, key).toHaveLength(1);
      if (publishedBeforeRestart.has(key)) expect(publications[0]).toBe(publishedBeforeRestart.get(key));
    }
    const events = [...publishedEventSources(first), ...publishedEventSources(second)];
    expect(new Set(events).size).toBe(events.length);
    expect(publishedEventSources(second).sort()).toEqual(
      keys.filter((key) => !publishedBeforeRestart.has(key)).sort(),
    );
  }, 60_000);
});
