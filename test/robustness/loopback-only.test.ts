import '../support/quiet-aws-sdk.js';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaggingTranslator } from '../doubles/tagging-translator.js';
import { RecordingLogger, settingsFor, startTestRunner, type TestRunner } from '../local/helpers.js';

/** `connected`, or the error code of a refused or unreachable connection. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** This machine's other addresses: every interface's, IPv4 and IPv6, but 127.0.0.1 itself. */
const otherAddresses = Object.values(networkInterfaces())
  .flatMap((addresses) => addresses ?? [])
  .filter((address) => address.address !== '127.0.0.1' && !address.address.startsWith('fe80:'))
  .map((address) => address.address);

describe('the local bucket endpoint', () => {
  let test: TestRunner;
  beforeAll(async () => {
    test = await startTestRunner({
      settings: settingsFor(['es']),
      translator: new TaggingTranslator(),
      logger: new RecordingLogger(),
    });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('is bound to 127.0.0.1 only: other loopback addresses and every interface of the machine are refused', async () => {
    const { port, endpoint } = test.runner;
    // 127.0.0.2 is loopback too, but not the address bound: it shows the binding even on a machine with no network.
    const refused = await Promise.all(
      ['127.0.0.2', ...otherAddresses].map(async (host) => [host, await tryConnect(host, port)] as const),
    );

    expect(endpoint).toBe(`http://127.0.0.1:${port}`);
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    for (const [host, outcome] of refused) expect(outcome, host).not.toBe('connected');
    expect(refused.length).toBeGreaterThanOrEqual(1);
  });
});
