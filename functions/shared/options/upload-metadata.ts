import { metadataLine } from './phrasing.js';
import { OPTIONS, type OptionValues } from './table.js';
import { parseAndCheck, type ValueKind } from './values.js';

/**
 * What one upload may choose for itself with S3 user metadata (`aws s3 cp a.txt s3://bucket/incoming/ --metadata
 * languages=es,fr,scope=brief`), in place of the deployment's setting: the metadata key, and the option of the
 * options table whose rule reads it.
 */
export const UPLOAD_METADATA = {
  languages: 'languages',
  scope: 'translationScope',
  terminology: 'terminologies',
} as const satisfies Readonly<Record<string, keyof OptionValues>>;

export type UploadChoices = {
  -readonly [K in keyof typeof UPLOAD_METADATA as (typeof UPLOAD_METADATA)[K]]?: OptionValues[(typeof UPLOAD_METADATA)[K]];
};

/**
 * The choices an upload's metadata makes, each read by its option's rule; `problems` names every value that
 * cannot be used by its metadata key. Other metadata is not polybrief's and is left alone.
 */
export function readUploadMetadata(metadata: Readonly<Record<string, string>> = {}): {
  readonly choices: UploadChoices;
  readonly problems: readonly string[];
} {
  const choices: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, option] of Object.entries(UPLOAD_METADATA)) {
    const raw = metadata[key];
    if (raw === undefined) continue;
    const parsed = parseAndCheck(OPTIONS[option].kind as ValueKind<unknown>, raw);
    if (parsed.ok) choices[option] = parsed.value;
    else problems.push(...parsed.problems.map((problem) => metadataLine(key, problem)));
  }
  return { choices: choices as UploadChoices, problems };
}
