import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EventSink, PipelineEvent } from '../core/ports.js';

/** Appends each completion event to a file as one JSON object per line (`polybrief run --events FILE`). */
export class JsonLinesEventSink implements EventSink {
  #ready: Promise<unknown> | undefined;

  constructor(private readonly path: string) {}

  async publish(event: PipelineEvent): Promise<void> {
    this.#ready ??= mkdir(dirname(this.path), { recursive: true });
    await this.#ready;
    // One write per line keeps concurrent appends whole.
    await appendFile(
      this.path,
      `${JSON.stringify({ 'detail-type': event.type, source: 'polybrief', detail: event.detail })}\n`,
    );
  }
}
