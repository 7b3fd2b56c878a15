import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CompletionEventJson } from '../core/contract.js';
import type { EventSink, PipelineEvent } from '../core/ports.js';

/** An event as EventBridge delivers its `detail-type`, `source` and `detail` (schemas/completion-event.schema.json). */
export function completionEventJson(event: PipelineEvent): CompletionEventJson {
  return { 'detail-type': event.type, source: 'polybrief', detail: event.detail };
}

/** Appends each completion event to a file as one JSON object per line (`polybrief run --events FILE`). */
export class JsonLinesEventSink implements EventSink {
  #ready: Promise<unknown> | undefined;

  constructor(private readonly path: string) {}

  async publish(event: PipelineEvent): Promise<void> {
    this.#ready ??= mkdir(dirname(this.path), { recursive: true });
    await this.#ready;
    // One write per line keeps concurrent appends whole.
    await appendFile(this.path, `${JSON.stringify(completionEventJson(event))}\n`);
  }
}
