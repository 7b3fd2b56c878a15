import '../support/quiet-aws-sdk.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventBridgeClient } from '../../functions/adapters/aws-clients.js';
import { EventBridgeEventSink } from '../../functions/adapters/eventbridge-event-sink.js';
import type { PipelineEvent } from '../../functions/core/ports.js';
import { schemaErrors } from '../contract/validate.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';

interface PutEventsEntry {
  readonly EventBusName: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Time: number;
}

const published: PipelineEvent = {
  type: 'ArticlePublished',
  detail: {
    articleId: 'wang-yi-moscow-visit',
    status: 'partial',
    bucket: 'newsroom',
    sourceKey: 'incoming/wang-yi-moscow-visit.txt',
    key: 'published/wang-yi-moscow-visit/manifest.json',
    languages: ['en', 'es'],
    time: '2024-01-01T12:00:00.000Z',
  },
};

/** A loopback EventBridge (AWS JSON 1.1 PutEvents) that records entries and refuses the next N of them. */
describe('EventBridgeEventSink', () => {
  let server: Server;
  let endpoint: string;
  let received: { target: string; entries: PutEventsEntry[] }[];
  let refuseNext: number;
  let denyAll: boolean;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: PutEventsEntry[] };
        received.push({ target: String(request.headers['x-amz-target']), entries: body.Entries });
        response.setHeader('content-type', 'application/x-amz-json-1.1');
        if (denyAll) {
          response.statusCode = 400;
          response.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'not on this bus' }));
          return;
        }
        const refused = refuseNext > 0;
        if (refused) refuseNext--;
        response.end(
          JSON.stringify(
            refused
              ? {
                  FailedEntryCount: 1,
                  Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }],
                }
              : { FailedEntryCount: 0, Entries: [{ EventId: `event-${received.length}` }] },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received = [];
    refuseNext = 0;
    denyAll = false;
  });

  const sink = (attempts = 3) =>
    new EventBridgeEventSink({
      client: createEventBridgeClient({
        endpoint,
        region: DUMMY_REGION,
        credentials: DUMMY_CREDENTIALS,
        maxAttempts: 1,
      }),
      eventBusName: 'default',
      attempts,
      sleep: async () => {},
    });

  it('puts one event on the bus: source polybrief, the type as detail-type, the contract detail, its time', async () => {
    await sink().publish(published);

    expect(received).toHaveLength(1);
    expect(received[0]?.target).toBe('AWSEvents.PutEvents');
    const [entry] = received[0]?.entries ?? [];
    expect(entry).toMatchObject({
      EventBusName: 'default',
      Source: 'polybrief',
      DetailType: 'ArticlePublished',
    });
    expect(entry?.Time).toBe(Date.parse(published.detail.time) / 1000);
    const detail = JSON.parse(entry?.Detail ?? '{}') as unknown;
    expect(detail).toEqual(published.detail);
    expect(
      schemaErrors('completion-event', { 'detail-type': entry?.DetailType, source: entry?.Source, detail }),
    ).toEqual([]);
  });

  it('sends an entry EventBridge refused again, until it is accepted', async () => {
    refuseNext = 2;

    await sink().publish(published);

    expect(received).toHaveLength(3);
  });

  it('reports an entry refused on every attempt, naming the reason', async () => {
    refuseNext = 5;

    await expect(sink(2).publish(published)).rejects.toThrow(
      'EventBridge refused the ArticlePublished event 2 times: ThrottlingException Rate exceeded',
    );
    expect(received).toHaveLength(2);
  });

  it('reports a request EventBridge rejects', async () => {
    denyAll = true;

    await expect(sink().publish(published)).rejects.toThrow('not on this bus');
  });
});
