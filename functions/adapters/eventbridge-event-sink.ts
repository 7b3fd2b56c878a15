import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventSink, PipelineEvent } from '../core/ports.js';

export interface EventBridgeEventSinkOptions {
  readonly client: Pick<EventBridgeClient, 'send'>;
  /** `default`, or another bus's name or ARN. */
  readonly eventBusName: string;
  readonly source?: string;
}

/** Sends completion events to EventBridge: `detail-type` is the event type, `source` is `polybrief`. */
export class EventBridgeEventSink implements EventSink {
  constructor(private readonly options: EventBridgeEventSinkOptions) {}

  async publish(event: PipelineEvent): Promise<void> {
    const output = await this.options.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.options.eventBusName,
            Source: this.options.source ?? 'polybrief',
            DetailType: event.type,
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    const failed = output.Entries?.find((entry) => entry.ErrorCode);
    if ((output.FailedEntryCount ?? 0) > 0 || failed) {
      throw new Error(
        `EventBridge refused the ${event.type} event: ${failed?.ErrorCode ?? ''} ${failed?.ErrorMessage ?? ''}`.trim(),
      );
    }
  }
}
