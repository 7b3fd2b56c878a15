import type { EventSink, PipelineEvent } from '../../core/ports.js';

/**
 * Prints each completion event as one line, `event  {...}`, in the shape EventBridge would deliver it
 * (`detail-type`, `source`, `detail`), so what a subscriber would receive can be read while rehearsing.
 */
export class ConsoleEventSink implements EventSink {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  async publish(event: PipelineEvent): Promise<void> {
    this.stream.write(
      `event      ${JSON.stringify({ 'detail-type': event.type, source: 'polybrief', detail: event.detail })}\n`,
    );
  }
}
