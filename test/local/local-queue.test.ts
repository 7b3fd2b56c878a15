import { createHash } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalQueue, type LocalQueueOptions, type QueuedMessage } from '../../functions/local/local-queue.js';

/** A handler whose invocations the test finishes by hand. */
function controlledHandler() {
  const pending: {
    event: SQSEvent;
    finish: (response?: SQSBatchResponse) => void;
    fail: (error: Error) => void;
  }[] = [];
  const waiters: (() => void)[] = [];
  const handler: LocalQueueOptions['handler'] = (event) =>
    new Promise((resolve, reject) => {
      pending.push({ event, finish: (response) => resolve(response), fail: reject });
      for (const wake of waiters.splice(0)) wake();
    });
  const invoked = async (count: number) => {
    while (pending.length < count) await new Promise<void>((wake) => waiters.push(wake));
    return pending;
  };
  return { handler, pending, invoked };
}

const bodies = (event: SQSEvent) => event.Records.map((record) => record.body);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function queueWith(options: Partial<LocalQueueOptions> & Pick<LocalQueueOptions, 'handler'>) {
  return new LocalQueue({
    concurrency: 1,
    maxReceiveCount: 3,
    redeliveryDelayMs: () => 1,
    ...options,
  });
}

describe('LocalQueue', () => {
  it('delivers each message as an SQS event record of the AWS shape', async () => {
    const received: SQSRecord[] = [];
    const queue = queueWith({
      handler: async (event) => {
        received.push(...event.Records);
        return { batchItemFailures: [] };
      },
      region: 'eu-west-1',
    });

    queue.send('{"Records":[]}');
    await queue.idle();

    const [record] = received;
    expect(received).toHaveLength(1);
    expect(record).toMatchObject({
      body: '{"Records":[]}',
      eventSource: 'aws:sqs',
      awsRegion: 'eu-west-1',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:polybrief-local',
      md5OfBody: createHash('md5').update('{"Records":[]}').digest('hex'),
      messageAttributes: {},
      attributes: { ApproximateReceiveCount: '1', SenderId: 'AIDAPOLYBRIEFLOCAL' },
    });
    expect(record?.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(record?.attributes.SentTimestamp)).toBeGreaterThan(0);
  });

  it('delivers the messages a partial batch response names again, counting receives', async () => {
    const receives: string[] = [];
    const queue = queueWith({
      batchSize: 2,
      handler: async (event) => {
        receives.push(
          ...event.Records.map((record) => `${record.body}#${record.attributes.ApproximateReceiveCount}`),
        );
        const failing = event.Records.filter(
          (record) => record.body === 'b' && record.attributes.ApproximateReceiveCount === '1',
        );
        return { batchItemFailures: failing.map((record) => ({ itemIdentifier: record.messageId })) };
      },
    });

    queue.send('a');
    queue.send('b');
    await queue.idle();

    expect(receives).toEqual(['a#1', 'b#1', 'b#2']);
  });

  it('dead-letters a message after maxReceiveCount failed receives, with growing delays between them', async () => {
    const delays: number[] = [];
    const dead: QueuedMessage[] = [];
    let receives = 0;
    const queue = queueWith({
      maxReceiveCount: 3,
      redeliveryDelayMs: (count) => count * 2,
      handler: async (event) => {
        receives++;
        return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
      },
      onRedelivery: (_message, delayMs) => delays.push(delayMs),
      onDeadLetter: (message) => dead.push(message),
    });

    queue.send('poison');
    await queue.idle();

    expect(receives).toBe(3);
    expect(delays).toEqual([2, 4]);
    expect(dead.map((message) => [message.body, message.receiveCount])).toEqual([['poison', 3]]);
  });

  it('counts every message of an invocation that throws as failed', async () => {
    const errors: unknown[] = [];
    const receives: string[] = [];
    let thrown = false;
    const queue = queueWith({
      batchSize: 2,
      handler: async (event) => {
        receives.push(
          ...event.Records.map((record) => `${record.body}#${record.attributes.ApproximateReceiveCount}`),
        );
        // The first message holds the queue until the other two are waiting, so they share the next batch.
        if (event.Records[0]?.body === 'first') await tick();
        else if (!thrown) {
          thrown = true;
          throw new Error('boom');
        }
        return { batchItemFailures: [] };
      },
      onInvocationError: (error, messages) => errors.push([String(error), messages.length]),
    });
    queue.send('first');
    queue.send('a');
    queue.send('b');

    await queue.idle();

    expect(errors).toEqual([['Error: boom', 2]]);
    expect(receives.sort()).toEqual(['a#1', 'a#2', 'b#1', 'b#2', 'first#1']);
  });

  it('fails the whole batch when a partial response names a message it does not hold, as Lambda does', async () => {
    const receives: string[] = [];
    const queue = queueWith({
      batchSize: 2,
      handler: async (event) => {
        receives.push(...bodies(event));
        return receives.length <= 2
          ? { batchItemFailures: [{ itemIdentifier: 'not-a-message' }] }
          : undefined;
      },
    });

    queue.send('a');
    queue.send('b');
    await queue.idle();

    expect(receives).toEqual(['a', 'b', 'a', 'b']);
  });

  it('runs at most `concurrency` invocations at once', async () => {
    const { handler, pending, invoked } = controlledHandler();
    const queue = queueWith({ concurrency: 2, handler });
    for (const body of ['a', 'b', 'c', 'd']) queue.send(body);

    await invoked(2);
    await tick();
    expect(pending).toHaveLength(2);
    expect(queue.counts()).toEqual({ visible: 2, delayed: 0, inFlight: 2 });

    pending[0]?.finish();
    await invoked(3);
    expect(pending.map((call) => bodies(call.event)[0])).toEqual(['a', 'b', 'c']);
    for (const call of pending) call.finish();
    await invoked(4);
    pending[3]?.finish();
    await queue.idle();
    expect(queue.counts()).toEqual({ visible: 0, delayed: 0, inFlight: 0 });
  });

  it('keeps the messages of one group in order and one at a time, while other groups go ahead', async () => {
    const { handler, pending, invoked } = controlledHandler();
    const queue = queueWith({ concurrency: 3, handler });
    queue.send('k1 first', { group: 'k1' });
    queue.send('k1 second', { group: 'k1' });
    queue.send('k2', { group: 'k2' });

    await invoked(2);
    await tick();
    expect(pending.map((call) => bodies(call.event)[0])).toEqual(['k1 first', 'k2']);

    pending[0]?.finish();
    await invoked(3);
    expect(bodies(pending[2]?.event as SQSEvent)).toEqual(['k1 second']);
    pending[1]?.finish();
    pending[2]?.finish();
    await queue.idle();
  });

  it('drops a message whose deduplication id is still queued or in flight, and takes it again afterwards', async () => {
    const { handler, pending, invoked } = controlledHandler();
    const queue = queueWith({ handler });

    expect(queue.send('v1', { deduplicationId: 'key\netag' })).toBe(true);
    await invoked(1);
    expect(queue.send('v1 again', { deduplicationId: 'key\netag' })).toBe(false);
    pending[0]?.finish();
    await queue.idle();

    expect(queue.send('v1 later', { deduplicationId: 'key\netag' })).toBe(true);
    await invoked(2);
    pending[1]?.finish();
    await queue.idle();
  });

  it('on close, lets invocations in flight finish, drops what was not started and takes nothing more', async () => {
    const { handler, pending, invoked } = controlledHandler();
    const queue = queueWith({ concurrency: 1, handler });
    queue.send('in flight');
    queue.send('queued');
    await invoked(1);

    const closing = queue.close(5_000);
    expect(queue.send('after close')).toBe(false);
    pending[0]?.finish();
    const result = await closing;

    expect(result).toEqual({ drained: true, abandoned: 0, dropped: 1 });
    expect(pending).toHaveLength(1);
    await queue.idle();
  });

  it('on close, gives up waiting after the timeout and reports the invocations abandoned', async () => {
    const { handler, invoked } = controlledHandler();
    const queue = queueWith({ concurrency: 2, handler });
    queue.send('stuck 1');
    queue.send('stuck 2');
    await invoked(2);

    const result = await queue.close(20);

    expect(result).toEqual({ drained: false, abandoned: 2, dropped: 0 });
  });

  it('refuses a concurrency or receive count below one', () => {
    const handler = async () => undefined;
    expect(() => queueWith({ handler, concurrency: 0 })).toThrow(RangeError);
    expect(() => queueWith({ handler, maxReceiveCount: 0 })).toThrow(RangeError);
  });
});
