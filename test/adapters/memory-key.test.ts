import '../support/quiet-aws-sdk.js';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSecretsManagerClient } from '../../functions/adapters/aws-clients.js';
import { fetchMemoryKey, MEMORY_KEY_FILE, memoryKeyFile } from '../../functions/adapters/memory-key.js';
import { loopbackClientOptions } from '../support/dummy-aws.js';
import { type SecretsManagerServer, startSecretsManagerServer } from '../support/secrets-manager-server.js';

describe('memoryKeyFile', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'polybrief-key-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('makes a random key on first use, readable by its owner only, and gives it back after', async () => {
    const path = join(folder, 'out', MEMORY_KEY_FILE);
    const [first, racing] = await Promise.all([memoryKeyFile(path), memoryKeyFile(path)]);
    const again = await memoryKeyFile(path);

    expect(first).toHaveLength(32);
    expect(Buffer.from(racing).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect((await readFile(path, 'utf8')).trim()).toBe(Buffer.from(first).toString('hex'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(
      Buffer.from(await memoryKeyFile(join(folder, 'other', MEMORY_KEY_FILE))).equals(Buffer.from(first)),
    ).toBe(false);
  });

  it('refuses a file that is not a key, saying what to do', async () => {
    const path = join(folder, MEMORY_KEY_FILE);
    await writeFile(path, 'not a key\n');

    await expect(memoryKeyFile(path)).rejects.toThrow(/is not a translation memory key[\s\S]*Delete it/u);
  });
});

describe('fetchMemoryKey', () => {
  let server: SecretsManagerServer;
  const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:PipelineMemoryKey-AbCdEf';
  beforeAll(async () => {
    server = await startSecretsManagerServer({ [arn]: 'x'.repeat(64), short: 'tiny' });
  });
  afterAll(async () => {
    await server.close();
  });
  const client = () => createSecretsManagerClient(loopbackClientOptions(server.endpoint, { maxAttempts: 1 }));

  it('reads the key from the secret', async () => {
    const key = await fetchMemoryKey(client(), arn);

    expect(new TextDecoder().decode(key)).toBe('x'.repeat(64));
    expect(server.requests.at(-1)).toBe(arn);
  });

  it('fails the start-up naming the variable when the secret cannot be read or holds no key', async () => {
    await expect(fetchMemoryKey(client(), 'missing')).rejects.toThrow(
      /MEMORY_KEY_SECRET: The translation memory key missing could not be read \(ResourceNotFoundException/u,
    );
    await expect(fetchMemoryKey(client(), 'short')).rejects.toThrow(
      /MEMORY_KEY_SECRET: The secret short holds no/u,
    );
  });
});
