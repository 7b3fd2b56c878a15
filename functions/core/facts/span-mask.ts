import type { Span } from '../document.js';

/**
 * Which characters of a window are already taken by a chosen fact. Checking a candidate costs its length, not the
 * number of facts chosen before it, so a window full of figures or dates stays linear.
 */
export class SpanMask {
  readonly #base: number;
  readonly #taken: Uint8Array;

  constructor(window: Span) {
    this.#base = window.start;
    this.#taken = new Uint8Array(Math.max(0, window.end - window.start));
  }

  /** Whether any character of `[start, end)` inside the window is taken. */
  overlaps(start: number, end: number): boolean {
    const from = Math.max(0, start - this.#base);
    const to = Math.min(this.#taken.length, end - this.#base);
    for (let i = from; i < to; i++) if (this.#taken[i] === 1) return true;
    return false;
  }

  take(start: number, end: number): void {
    const from = Math.max(0, start - this.#base);
    const to = Math.min(this.#taken.length, end - this.#base);
    this.#taken.fill(1, from, Math.max(from, to));
  }
}
