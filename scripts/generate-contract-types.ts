/**
 * The publication contract's TypeScript types are generated from its JSON Schemas (`schemas/*.schema.json`, the
 * source of truth, language-neutral for downstream systems): each schema gets a `schemas/<name>.schema.d.ts` beside
 * it, formatted by Biome. `test/contract/types-in-step.test.ts` regenerates them and fails when a committed file
 * differs, so a schema change without its types (or the reverse) cannot land.
 *
 * Run: `npx tsx scripts/generate-contract-types.ts` (writes), or with `--check` (exit 1 when out of step).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
export const schemasDir = join(root, 'schemas');

function formatWithBiome(source: string, path: string): string {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'format', `--stdin-file-path=${path}`],
    { cwd: root, input: source, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`biome format failed for ${path}: ${result.stderr}`);
  return result.stdout;
}

/** Every schema's generated declarations, by the path they are committed at. */
export async function generateContractTypes(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const schemas = readdirSync(schemasDir)
    .filter((name) => name.endsWith('.schema.json'))
    .sort();
  for (const name of schemas) {
    const schema = JSON.parse(readFileSync(join(schemasDir, name), 'utf8')) as JSONSchema;
    const declarations = await compile(schema, schema.title ?? name, {
      bannerComment: `/* Generated from schemas/${name} by scripts/generate-contract-types.ts: edit the schema, then run the script. */`,
      additionalProperties: false,
      ignoreMinAndMaxItems: true,
      strictIndexSignatures: true,
      unknownAny: true,
      format: false,
      cwd: schemasDir,
    });
    const path = join(schemasDir, name.replace(/\.json$/u, '.d.ts'));
    files.set(path, formatWithBiome(declarations, path));
  }
  return files;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [path, content] of await generateContractTypes()) {
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    if (check) stale.push(path);
    else writeFileSync(path, content);
  }
  if (stale.length > 0) {
    console.error(
      `Out of step with their schemas: ${stale.join(', ')}. Run: npx tsx scripts/generate-contract-types.ts`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
