/**
 * An in-process stand-in for the SQS queue between the bucket and the function in the deployed system. It hands
 * the handler SQS-shaped events (one record per message, `ApproximateReceiveCount` and all), honours partial
 * batch responses (`batchItemFailures`) by delivering those messages again after a delay (the visibility
 * timeout's stand-in), and after `maxReceiveCount` receives hands a message to `onDeadLetter` instead, as a
 * redrive policy moves it to the dead-letter queue. Nothing is persisted: what is queued when the process stops
 * is found again by the scan at the next start.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly group: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sentTimestamp: number;
  /** Receives so far; the one under way included. */
  receiveCount: number;
  firstReceiveTimestamp: number | undefined;
}

export interface LocalQueueOptions {
  readonly handler: SqsHandler;
  /** Invocations in flight at once. */
  readonly concurrency: number;
  /** Messages per invocation (the event source's `batchSize`); 1, as deployed by default. */
  readonly batchSize?: number;
  /** Receives before a failing message is dead-lettered (the redrive policy's `maxReceiveCount`). */
  readonly maxReceiveCount: number;
  /** How long a failed message stays invisible before its next receive, from the receives so far. */
  readonly redeliveryDelayMs: (receiveCount: number) => number;
  readonly region?: string;
  readonly queueArn?: string;
  /** A message will be delivered again after `delayMs`. */
  readonly onRedelivery?: (message: QueuedMessage, delayMs: number) => void;
  /** A message failed `maxReceiveCount` times and is given up. */
  readonly onDeadLetter?: (message: QueuedMessage) => void;
  /** An invocation threw: all its messages count as failed, as Lambda counts them. */
  readonly onInvocationError?: (error: unknown, messages: readonly QueuedMessage[]) => void;
}

export interface SendOptions {
  /** Messages of one group never run at the same time and run in the order sent (like a FIFO message group). */
  readonly group?: string;
  /** Dropped when a message with this id is still queued, waiting or in flight (like FIFO deduplication). */
  readonly deduplicationId?: string;
}

export interface QueueCounts {
  /** Ready to be received. */
  readonly visible: number;
  /** Waiting out their redelivery delay. */
  readonly delayed: number;
  readonly inFlight: number;
}

export interface CloseResult {
  /** True when every invocation in flight finished within the wait. */
  readonly drained: boolean;
  /** Messages in flight when the wait ran out. */
  readonly abandoned: number;
  /** Messages never started or waiting for redelivery, dropped (the next start's scan finds their objects). */
  readonly dropped: number;
}

export class LocalQueue {
  readonly #options: LocalQueueOptions;
  readonly #visible: QueuedMessage[] = [];
  readonly #delayed = new Map<QueuedMessage, NodeJS.Timeout>();
  readonly #inFlight = new Set<QueuedMessage>();
  readonly #busyGroups = new Set<string>();
  readonly #deduplicationIds = new Set<string>();
  readonly #invocations = new Set<Promise<void>>();
  #waiters: (() => void)[] = [];
  #closed = false;

  constructor(options: LocalQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
      throw new RangeError(`concurrency must be a positive whole number, got ${options.concurrency}`);
    if (!Number.isInteger(options.maxReceiveCount) || options.maxReceiveCount < 1)
      throw new RangeError(`maxReceiveCount must be a positive whole number, got ${options.maxReceiveCount}`);
    this.#options = options;
  }

  /** Queues a message; false when it was dropped as a duplicate or the queue is closed. */
  send(body: string, options: SendOptions = {}): boolean {
    if (this.#closed) return false;
    const { deduplicationId } = options;
    if (deduplicationId !== undefined) {
      if (this.#deduplicationIds.has(deduplicationId)) return false;
      this.#deduplicationIds.add(deduplicationId);
    }
    this.#visible.push({
      messageId: randomUUID(),
      body,
      group: options.group,
      deduplicationId,
      sentTimestamp: Date.now(),
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
    });
    this.#pump();
    return true;
  }

  counts(): QueueCounts {
    return { visible: this.#visible.length, delayed: this.#delayed.size, inFlight: this.#inFlight.size };
  }

  /** Resolves once nothing is queued, waiting for redelivery or in flight. */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Stops receiving, drops what is queued or waiting, and waits up to `timeoutMs` for the invocations in
   * flight to finish.
   */
  async close(timeoutMs: number): Promise<CloseResult> {
    this.#closed = true;
    const dropped = this.#visible.length + this.#delayed.size;
    this.#visible.length = 0;
    for (const timer of this.#delayed.values()) clearTimeout(timer);
    this.#delayed.clear();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const drained = await Promise.race([
      Promise.allSettled([...this.#invocations]).then(() => true as const),
      timedOut,
    ]);
    clearTimeout(timer);
    const abandoned = drained ? 0 : this.#inFlight.size;
    this.#wake();
    return { drained, abandoned, dropped };
  }

  #isIdle(): boolean {
    return this.#visible.length === 0 && this.#delayed.size === 0 && this.#inFlight.size === 0;
  }

  #wake(): void {
    if (!this.#isIdle() && !this.#closed) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Starts invocations while there is room and a message whose group is not busy. */
  #pump(): void {
    const batchSize = this.#options.batchSize ?? 1;
    while (!this.#closed && this.#invocations.size < this.#options.concurrency) {
      const batch: QueuedMessage[] = [];
      const groups = new Set<string>();
      for (let index = 0; index < this.#visible.length && batch.length < batchSize; ) {
        const message = this.#visible[index] as QueuedMessage;
        const { group } = message;
        if (group !== undefined) {
          const blocked = this.#busyGroups.has(group) || groups.has(group);
          // Once one message of a group waits, the later ones wait too, so the group keeps its order.
          groups.add(group);
          if (blocked) {
            index++;
            continue;
          }
        }
        batch.push(message);
        this.#visible.splice(index, 1);
      }
      if (batch.length === 0) return;
      const invocation = this.#invoke(batch).finally(() => {
        this.#invocations.delete(invocation);
        this.#pump();
        this.#wake();
      });
      this.#invocations.add(invocation);
    }
  }

  async #invoke(batch: readonly QueuedMessage[]): Promise<void> {
    const now = Date.now();
    for (const message of batch) {
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      this.#inFlight.add(message);
      if (message.group !== undefined) this.#busyGroups.add(message.group);
    }
    let failed: ReadonlySet<QueuedMessage>;
    try {
      const response = await this.#options.handler({
        Records: batch.map((message) => this.#record(message)),
      });
      failed = failedMessages(batch, response ?? undefined);
    } catch (error) {
      this.#options.onInvocationError?.(error, batch);
      failed = new Set(batch);
    }
    for (const message of batch) {
      this.#inFlight.delete(message);
      if (message.group !== undefined) this.#busyGroups.delete(message.group);
      if (failed.has(message)) this.#failed(message);
      else this.#forget(message);
    }
  }

  #failed(message: QueuedMessage): void {
    if (message.receiveCount >= this.#options.maxReceiveCount) {
      this.#forget(message);
      this.#options.onDeadLetter?.(message);
      return;
    }
    if (this.#closed) return;
    const delayMs = this.#options.redeliveryDelayMs(message.receiveCount);
    this.#options.onRedelivery?.(message, delayMs);
    this.#delayed.set(
      message,
      setTimeout(() => {
        this.#delayed.delete(message);
        // Back at the front: it was received before anything sent since.
        this.#visible.unshift(message);
        this.#pump();
      }, delayMs),
    );
  }

  #forget(message: QueuedMessage): void {
    if (message.deduplicationId !== undefined) this.#deduplicationIds.delete(message.deduplicationId);
  }

  #record(message: QueuedMessage): SQSRecord {
    const region = this.#options.region ?? 'us-east-1';
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentTimestamp),
        SenderId: 'AIDAPOLYBRIEFLOCAL',
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.#options.queueArn ?? `arn:aws:sqs:${region}:000000000000:polybrief-local`,
      awsRegion: region,
    };
  }
}

/**
 * The messages a partial batch response reports; like Lambda, an identifier that names no message of the
 * batch fails the whole batch.
 */
function failedMessages(
  batch: readonly QueuedMessage[],
  response: SQSBatchResponse | undefined,
): ReadonlySet<QueuedMessage> {
  const failures = response?.batchItemFailures ?? [];
  const byId = new Map(batch.map((message) => [message.messageId, message]));
  const failed = new Set<QueuedMessage>();
  for (const { itemIdentifier } of failures) {
    const message = byId.get(itemIdentifier);
    if (!message) return new Set(batch);
    failed.add(message);
  }
  return failed;
}
