import type { AnsweredSegments } from '../core/ports.js';
import type { TextUnit } from './segment-packing.js';

/**
 * Which segments of a call have every one of their units translated, so each can be reported (and remembered)
 * as soon as the request that completed it is answered. A long segment may be cut into units sent in several
 * requests: it is complete with the last of them.
 */
export class SegmentProgress {
  readonly #units: readonly TextUnit[];
  readonly #unitsOf: number[][];
  readonly #left: number[];

  constructor(segmentCount: number, units: readonly TextUnit[]) {
    this.#units = units;
    this.#unitsOf = Array.from({ length: segmentCount }, () => []);
    this.#left = new Array<number>(segmentCount).fill(0);
    units.forEach((unit, index) => {
      this.#unitsOf[unit.segment]?.push(index);
      if (unit.text !== '') this.#left[unit.segment] = (this.#left[unit.segment] ?? 0) + 1;
    });
  }

  /** The segments the units just translated completed, each put back together from its units. */
  completed(unitIndexes: readonly number[], translated: readonly (string | undefined)[]): AnsweredSegments {
    const indexes: number[] = [];
    const translations: string[] = [];
    for (const unitIndex of unitIndexes) {
      const segment = this.#units[unitIndex]?.segment;
      if (segment === undefined) continue;
      const left = (this.#left[segment] ?? 0) - 1;
      this.#left[segment] = left;
      if (left !== 0) continue;
      indexes.push(segment);
      translations.push(
        (this.#unitsOf[segment] ?? [])
          .map((index) => {
            const unit = this.#units[index] as TextUnit;
            return unit.before + (unit.text === '' ? '' : (translated[index] ?? '')) + unit.after;
          })
          .join(''),
      );
    }
    return { indexes, translations };
  }
}
