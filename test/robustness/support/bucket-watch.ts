import { createHash } from 'node:crypto';
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { ManifestJson } from '../../../functions/core/contract.js';

export interface WatchResult {
  /** Every distinct `publishedAt` seen per article: more than one means the article was published again. */
  readonly publications: ReadonlyMap<string, ReadonlySet<string>>;
  /** Manifests that could not be parsed, or that listed an object missing or not the version they name. */
  readonly problems: readonly string[];
  /** Rounds in which the whole bucket was read. */
  readonly rounds: number;
}

class Unreachable extends Error {}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Reads the bucket over and over as a downstream consumer would, while a test does its worst to the pipeline:
 * every manifest it finds is parsed and each object it lists is read back and compared with the SHA-256 it
 * names. A round during which the endpoint is down (a killed process) is simply skipped.
 */
export function watchManifests(client: S3Client, bucket: string, prefix = 'published/') {
  const publications = new Map<string, Set<string>>();
  const verified = new Set<string>();
  const problems: string[] = [];
  let rounds = 0;
  let stopped = false;

  const read = async (key: string): Promise<Uint8Array | undefined> => {
    try {
      const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await output.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw new Unreachable(String(error));
    }
  };

  const round = async () => {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix }))
      for (const object of page.Contents ?? [])
        if (object.Key?.endsWith('/manifest.json')) keys.push(object.Key);
    for (const key of keys) {
      const bytes = await read(key);
      if (bytes === undefined) continue;
      let manifest: ManifestJson;
      try {
        manifest = JSON.parse(new TextDecoder().decode(bytes)) as ManifestJson;
      } catch {
        problems.push(`${key}: not a whole JSON document (${bytes.length} bytes)`);
        continue;
      }
      const seen = publications.get(manifest.articleId) ?? new Set<string>();
      publications.set(manifest.articleId, seen);
      seen.add(manifest.publishedAt);
      const version = `${key} ${manifest.publishedAt}`;
      if (verified.has(version)) continue;
      for (const artefact of manifest.artefacts) {
        const body = await read(artefact.key);
        if (body === undefined) problems.push(`${version}: ${artefact.key} is missing`);
        else if (sha256(body) !== artefact.sha256)
          problems.push(`${version}: ${artefact.key} is another version`);
      }
      verified.add(version);
    }
    rounds++;
  };

  const running = (async () => {
    while (!stopped) {
      try {
        await round();
      } catch {
        // The endpoint is down (the process was killed) or went down mid-round: try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();

  return {
    /** Finishes the round under way, then one more, and returns what was seen. */
    async stop(): Promise<WatchResult> {
      stopped = true;
      await running;
      await round();
      return { publications, problems, rounds };
    },
  };
}
