import { invalid, type Parsed, type Problem, text, valid } from './problems.js';
import type { ValueKind } from './values.js';

/** Where, inside the one bucket, articles arrive and the pipeline writes. Each ends with `/`. */
export interface PipelinePrefixes {
  /** Uploads go here; the only prefix that notifies the pipeline. */
  readonly incoming: string;
  /** `published/<articleId>/<lang>.json|html` and `manifest.json`. */
  readonly published: string;
  /** `failed/<articleId>.json` for articles that cannot be published. */
  readonly failed: string;
  /** Translation memory the function reads and writes. */
  readonly cache: string;
  /** Editors' corrections (`edits/<articleId>/<lang>.json`); they notify the pipeline too, which only reads them. */
  readonly edits: string;
}

const FOLDER = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*\/$/;

/**
 * A key prefix of its own: a relative folder (`name/`, `a/b/`) of characters S3 keys and file systems agree on,
 * never climbing out with `..` (the local bucket is a folder).
 */
export function keyPrefix(name: keyof PipelinePrefixes, example: string): ValueKind<string> {
  const checked = (value: string): Parsed<string> =>
    FOLDER.test(value) && !value.split('/').includes('..')
      ? valid(value)
      : invalid(
          text(
            `The ${name} prefix "${value}" must be a relative folder ending with "/" (e.g. "${example}").`,
          ),
        );
  return { parse: (raw) => valid(raw), check: checked, format: String };
}

/** True when a key could be under both prefixes, i.e. one starts with the other. */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * Each pair of prefixes that overlap, as a problem of the later one: an output prefix inside `incoming/` would
 * make the function trigger itself, a memory inside `published/` would be published.
 */
export function overlappingPrefixes(prefixes: PipelinePrefixes): {
  readonly name: keyof PipelinePrefixes;
  readonly other: keyof PipelinePrefixes;
  readonly problem: Problem;
}[] {
  const entries = Object.entries(prefixes) as [keyof PipelinePrefixes, string][];
  return entries.flatMap(([other, first], i) =>
    entries
      .slice(i + 1)
      .filter(([, second]) => prefixesOverlap(first, second))
      .map(([name, second]) => ({
        name,
        other,
        problem: text(
          `The ${other} prefix "${first}" and the ${name} prefix "${second}" overlap; ` +
            'each must be its own folder so the pipeline never reads its own output as input.',
        ),
      })),
  );
}
