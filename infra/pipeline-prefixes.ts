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
}

export const DEFAULT_PIPELINE_PREFIXES: PipelinePrefixes = {
  incoming: 'incoming/',
  published: 'published/',
  failed: 'failed/',
  cache: 'cache/',
};

/** The prefixes the function writes under. None may overlap `incoming`, or a write would notify the pipeline. */
export function outputPrefixes(prefixes: PipelinePrefixes): readonly string[] {
  return [prefixes.published, prefixes.failed, prefixes.cache];
}

/** True when a key could be under both prefixes, i.e. one starts with the other. */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

export class InvalidPrefixError extends Error {
  override readonly name = 'InvalidPrefixError';
}

/**
 * Throws an {@link InvalidPrefixError} unless every prefix is a non-empty relative folder (`name/`) and no two
 * overlap: an output prefix inside `incoming/` would make the function trigger itself.
 */
export function validatePipelinePrefixes(prefixes: PipelinePrefixes): void {
  const entries = Object.entries(prefixes) as [keyof PipelinePrefixes, string][];
  for (const [name, prefix] of entries) {
    if (!/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*\/$/.test(prefix)) {
      throw new InvalidPrefixError(
        `The ${name} prefix "${prefix}" must be a relative folder ending with "/" (e.g. "${DEFAULT_PIPELINE_PREFIXES[name]}").`,
      );
    }
  }
  for (const [i, [name, prefix]] of entries.entries()) {
    for (const [otherName, other] of entries.slice(i + 1)) {
      if (prefixesOverlap(prefix, other)) {
        throw new InvalidPrefixError(
          `The ${name} prefix "${prefix}" and the ${otherName} prefix "${other}" overlap; ` +
            'each must be its own folder so the pipeline never reads its own output as input.',
        );
      }
    }
  }
}
