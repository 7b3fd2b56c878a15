import { PreconditionFailedError } from './errors.js';
import type { ArticleStore } from './ports.js';

/** The new content of a shared object. */
export interface SharedContent {
  readonly body: string;
  readonly contentType: string;
}

export interface SharedUpdateOptions {
  /**
   * Reads and writes before giving up (the last `PreconditionFailedError` is thrown). Default 40: with a few
   * functions publishing at once, a writer can lose a dozen races in a row (measured: 4 at once, 200 articles).
   */
  readonly attempts?: number;
  /** The first pause after a lost race; it doubles with each, up to 2 s, and is jittered. Default 25 ms. */
  readonly firstDelayMs?: number;
  /** Refuse to read a current object larger than this (throws `ArticleTooLargeError`). */
  readonly maxBytes?: number;
  /** Stands in for the pause between attempts (tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

const MAX_DELAY_MS = 2_000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Read-modify-write of an object that several functions update at once (a feed, the sitemap, the index of
 * corrections): reads it with its ETag, has `change` compute the new content from the current body (`undefined`
 * when there is none yet), and writes it only if nobody wrote in between (`ifMatch` on the ETag read, or
 * `ifNoneMatch: '*'` for the first write). A writer that lost the race reads again after a growing, jittered
 * pause, so no writer's change is ever lost. `change` returning `undefined` writes nothing.
 */
export async function updateSharedObject(
  store: ArticleStore,
  key: string,
  change: (current: Uint8Array | undefined) => SharedContent | undefined,
  options: SharedUpdateOptions = {},
): Promise<'written' | 'unchanged'> {
  const attempts = options.attempts ?? 40;
  const sleep = options.sleep ?? pause;
  let delay = options.firstDelayMs ?? 25;
  for (let attempt = 1; ; attempt++) {
    const current = await store.get(
      key,
      options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes },
    );
    const next = change(current?.body);
    if (next === undefined) return 'unchanged';
    const etag = current?.info.etag;
    if (current && etag === undefined)
      throw new Error(`The store gave no ETag for ${key}: cannot update it safely.`);
    try {
      await store.put(key, next.body, {
        contentType: next.contentType,
        ...(etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag }),
      });
      return 'written';
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= attempts) throw error;
    }
    await sleep(Math.random() * delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
