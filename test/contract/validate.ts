/**
 * Validates what the pipeline publishes against the contract: every JSON document against its schema
 * (`schemas/*.schema.json`, draft 2020-12, formats checked), and every manifest against the objects it lists.
 * Tests that write outputs call `expectValidOutputs` on the store or folder they wrote to (`store.current()`,
 * `await objectsUnder(dir)`).
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { sha256Hex } from '../../functions/core/hashing.js';
import { defaultPrefixes } from '../../functions/core/settings.js';

// ajv-formats is CommonJS with a `default` export; under NodeNext the default import is its module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export const schemaNames = ['article', 'manifest', 'failed-record', 'completion-event'] as const;
export type SchemaName = (typeof schemaNames)[number];

export const schemasDir = new URL('../../schemas/', import.meta.url);

function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.schema.json`, schemasDir), 'utf8')) as Record<
    string,
    unknown
  >;
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validators = new Map<SchemaName, ValidateFunction>(
  schemaNames.map((name) => [name, ajv.compile(loadSchema(name))]),
);

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'} ${error.message ?? error.keyword}${
        error.keyword === 'additionalProperties'
          ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
          : ''
      }`,
  );
}

/** What is wrong with `value` as a `name` document; empty when it is valid. */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  const validate = validators.get(name);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value) ? [] : describeErrors(validate.errors);
}

/** The schema a key's document follows, from where the pipeline writes it; `undefined` for other keys. */
export function schemaForKey(
  key: string,
  prefixes: { readonly publishedPrefix: string; readonly failedPrefix: string } = defaultPrefixes,
): SchemaName | undefined {
  if (key.startsWith(prefixes.failedPrefix) && key.endsWith('.json')) return 'failed-record';
  if (!key.startsWith(prefixes.publishedPrefix)) return undefined;
  const name = key.slice(key.lastIndexOf('/') + 1);
  if (name === 'manifest.json') return 'manifest';
  return name.endsWith('.json') ? 'article' : undefined;
}

interface Artefact {
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
}

function artefactProblems(
  where: string,
  artefacts: readonly Artefact[],
  objects: ReadonlyMap<string, Uint8Array>,
): string[] {
  const problems: string[] = [];
  for (const artefact of artefacts) {
    const body = objects.get(artefact.key);
    if (!body) problems.push(`${where}: lists ${artefact.key}, which does not exist`);
    else if (body.length !== artefact.bytes || sha256Hex(body) !== artefact.sha256) {
      problems.push(`${where}: ${artefact.key} is not the object it lists (size or SHA-256 differ)`);
    }
  }
  return problems;
}

/**
 * Every problem with a set of outputs (key → bytes): documents that do not follow their schema, manifests that
 * list objects that are missing or differ (their own artefacts, and the earlier versions kept for failed
 * languages), language links that lead nowhere.
 */
export function publicationProblems(objects: ReadonlyMap<string, Uint8Array>): string[] {
  const problems: string[] = [];
  for (const [key, body] of objects) {
    const schema = schemaForKey(key);
    if (!schema) continue;
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder().decode(body));
    } catch (error) {
      problems.push(`${key}: not JSON (${String(error)})`);
      continue;
    }
    problems.push(...schemaErrors(schema, document).map((error) => `${key}: ${error}`));
    const folder = key.slice(0, key.lastIndexOf('/') + 1);
    if (schema === 'manifest') {
      const manifest = document as {
        artefacts?: Artefact[];
        errors?: { previous?: { artefacts: Artefact[] } | null }[];
      };
      problems.push(...artefactProblems(key, manifest.artefacts ?? [], objects));
      for (const error of manifest.errors ?? []) {
        problems.push(
          ...artefactProblems(`${key} (kept earlier version)`, error.previous?.artefacts ?? [], objects),
        );
      }
    }
    if (schema === 'article') {
      for (const link of (document as { languages?: { json: string; html: string }[] }).languages ?? []) {
        for (const file of [link.json, link.html]) {
          if (!objects.has(folder + file)) problems.push(`${key}: links ${file}, which does not exist`);
        }
      }
    }
  }
  return problems;
}

/** Throws, listing every problem, unless the outputs follow the contract. Returns how many documents it checked. */
export function expectValidOutputs(objects: ReadonlyMap<string, Uint8Array>): number {
  const problems = publicationProblems(objects);
  if (problems.length > 0) throw new Error(`Outputs break the contract:\n- ${problems.join('\n- ')}`);
  return [...objects.keys()].filter((key) => schemaForKey(key) !== undefined).length;
}

/** The files under a folder standing in for a bucket, by key. */
export async function objectsUnder(root: string): Promise<Map<string, Uint8Array>> {
  const objects = new Map<string, Uint8Array>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    objects.set(relative(root, path).split(sep).join('/'), new Uint8Array(await readFile(path)));
  }
  return objects;
}

/** Validates every line of a JSON Lines completion-event file; returns the events. */
export function expectValidEvents(jsonLines: string): unknown[] {
  const events = jsonLines
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
  const problems = events.flatMap((event, index) =>
    schemaErrors('completion-event', event).map((error) => `line ${index + 1}: ${error}`),
  );
  if (problems.length > 0) throw new Error(`Events break the contract:\n- ${problems.join('\n- ')}`);
  return events;
}
