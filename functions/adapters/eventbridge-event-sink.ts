import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { EventSink, PipelineEvent } from '../core/ports.js';

export interface EventBridgeEventSinkOptions {
  readonly client: Pick<EventBridgeClient, 'send'>;
  /** `default`, or another bus's name or ARN. */
  readonly eventBusName: string;
  readonly source?: string;
  /** Attempts for an entry EventBridge refuses (throttling, internal errors); the SDK retries whole requests. */
  readonly attempts?: number;
  /** Waits between attempts; replaced in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends completion events to EventBridge: `source` is `polybrief`, `detail-type` the event type, `detail` the
 * event's detail (see schemas/completion-event.schema.json) and `time` the manifest's (or record's) time. An
 * entry EventBridge refuses is sent again a few times, then reported by throwing.
 */
export class EventBridgeEventSink implements EventSink {
  constructor(private readonly options: EventBridgeEventSinkOptions) {}

  async publish(event: PipelineEvent): Promise<void> {
    const entry: PutEventsRequestEntry = {
      EventBusName: this.options.eventBusName,
      Source: this.options.source ?? 'polybrief',
      DetailType: event.type,
      Detail: JSON.stringify(event.detail),
      Time: new Date(event.detail.time),
    };
    const attempts = Math.max(1, this.options.attempts ?? 3);
    let refusal = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await (this.options.sleep ?? wait)(100 * 4 ** (attempt - 2));
      const output = await this.options.client.send(new PutEventsCommand({ Entries: [entry] }));
      const failed = output.Entries?.find((result) => result.ErrorCode);
      if ((output.FailedEntryCount ?? 0) === 0 && !failed) return;
      refusal = `${failed?.ErrorCode ?? ''} ${failed?.ErrorMessage ?? ''}`.trim();
    }
    throw new Error(`EventBridge refused the ${event.type} event ${attempts} times: ${refusal}`);
  }
}
