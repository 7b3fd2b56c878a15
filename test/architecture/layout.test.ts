/**
 * The floor plan of the code, checked: what each folder may import (the README's "Project layout" table says the
 * same in words), that the pipeline core stays pure, that nothing imports in a circle, that the CDK app loads no
 * pipeline code, and that the README's table names every folder. Imports are read from the source text as Biome
 * formats it (statements at the start of a line), type-only imports included: a type from the wrong folder is a
 * dependency too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ts$/u.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

interface Import {
  /** As written. */
  readonly specifier: string;
  /** The repository path it resolves to, for a relative import. */
  readonly path?: string;
}

const importPatterns = [
  /^import\s+(?:type\s+)?[\w\s{},*$]*?\s*from\s+'([^']+)'/gmu,
  /^export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*from\s+'([^']+)'/gmu,
  /^import\s+'([^']+)'/gmu,
  /\bimport\(\s*'([^']+)'\s*\)/gu,
];

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  return importPatterns.flatMap((pattern) =>
    [...text.matchAll(pattern)].map(([, specifier = '']) =>
      specifier.startsWith('.')
        ? {
            specifier,
            path: relative(root, resolve(root, dirname(file), specifier)).replace(/\.js$/u, '.ts'),
          }
        : { specifier },
    ),
  );
}

/** The stages of `functions/core`, in order: a folder imports the core's root and the folders before it only. */
const coreStages = ['locale', 'facts', 'read', 'translate', 'publish', 'edit'] as const;
/** The root module that runs the stages (the course); the other root modules are what every stage shares. */
const course = new Set(['functions/core/pipeline.ts']);

/** The area a file belongs to: `core:<stage>`, `core:root`, `core:course`, or the folder under `functions/`. */
function areaOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'functions') return parts[0] ?? path;
  if (parts.length === 2) return 'functions';
  if (parts[1] !== 'core') return parts[1] ?? path;
  if (course.has(path)) return 'core:course';
  return parts.length === 3 ? 'core:root' : `core:${parts[2]}`;
}

/** For each area, the areas it may import from (besides its own). */
function mayImport(area: string): (target: string) => boolean {
  const isCore = (target: string) => target.startsWith('core:');
  switch (area) {
    case 'core:course':
      return (target) => isCore(target) || target === 'shared';
    case 'core:root':
      return (target) => target === 'core:root' || target === 'shared' || target === 'schemas';
    case 'shared':
      return () => false;
    case 'adapters':
      return (target) => target === 'core:root' || target === 'shared';
    case 'lambda':
      return (target) => isCore(target) || ['adapters', 'shared', 'functions'].includes(target);
    case 'local':
      return (target) => isCore(target) || ['adapters', 'lambda', 'shared'].includes(target);
    case 'cli':
      return (target) =>
        isCore(target) || ['adapters', 'lambda', 'local', 'shared', 'functions'].includes(target);
    case 'functions':
      return (target) => target === 'core:root' || target === 'package.json';
  }
  const stage = coreStages.indexOf(area.slice('core:'.length) as (typeof coreStages)[number]);
  if (!area.startsWith('core:') || stage < 0) throw new Error(`No import rule for ${area}: add one.`);
  const before = new Set(coreStages.slice(0, stage).map((name) => `core:${name}`));
  return (target) => target === 'core:root' || target === 'shared' || before.has(target);
}

const sources = filesUnder('functions');
const graph = new Map(sources.map((file) => [file, importsOf(file)]));

describe('the layout of functions/', () => {
  it('reads the imports of every module', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(graph.get('functions/core/pipeline.ts')?.map((entry) => entry.path)).toContain(
      'functions/core/publish/manifest.ts',
    );
  });

  it('has each folder import only the folders its rule allows', () => {
    const broken = [...graph].flatMap(([file, imports]) => {
      const area = areaOf(file);
      const allowed = mayImport(area);
      return imports
        .filter((entry) => entry.path !== undefined)
        .map((entry) => ({ entry, target: areaOf(entry.path as string) }))
        .filter(({ target }) => target !== area && !allowed(target))
        .map(({ entry, target }) => `${file} (${area}) imports ${entry.specifier} (${target})`);
    });
    expect(broken).toEqual([]);
  });

  it('keeps the core and the shared modules free of the AWS SDK and the Lambda runtime', () => {
    const aws = /^(?:@aws-sdk\/|@aws-lambda-powertools\/|aws-lambda$|aws-cdk-lib)/u;
    const offending = [...graph]
      .filter(([file]) => file.startsWith('functions/core/') || file.startsWith('functions/shared/'))
      .flatMap(([file, imports]) =>
        imports.filter((entry) => aws.test(entry.specifier)).map((entry) => `${file}: ${entry.specifier}`),
      );
    expect(offending).toEqual([]);
  });

  it('never reads the environment in the core: settings are passed in', () => {
    const reading = sources
      .filter((file) => file.startsWith('functions/core/'))
      .filter((file) => /\bprocess\.env\b/u.test(readFileSync(join(root, file), 'utf8')));
    expect(reading).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: readonly string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const entry of graph.get(file) ?? []) {
        if (entry.path && graph.has(entry.path)) visit(entry.path, [...trail, file]);
      }
      state.set(file, 'done');
    };
    for (const file of sources) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

describe('the CDK app', () => {
  it('loads no code from functions/ but functions/shared/', async () => {
    // esbuild follows what Node would load (type-only imports are erased); packages stay outside the walk.
    const result = await build({
      entryPoints: [join(root, 'infra/app.ts')],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const loaded = Object.keys(result.metafile.inputs);
    expect(loaded).toContain('infra/article-pipeline.ts');
    expect(
      loaded.filter((path) => path.startsWith('functions/') && !path.startsWith('functions/shared/')),
    ).toEqual([]);
  });
});

describe("the README's project layout table", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Project layout'),
    readme.indexOf('## Continuous integration'),
  );
  const listed = [...section.matchAll(/^\| `([^`]+)\/`/gmu)].map(([, folder]) => folder as string);
  const foldersIn = (folder: string): string[] =>
    readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => (folder === '.' ? entry.name : `${folder}/${entry.name}`));
  // Top-level folders git ignores (dependencies, build and test outputs) are not part of the layout.
  const ignored = new Set(
    readFileSync(join(root, '.gitignore'), 'utf8')
      .split('\n')
      .filter((line) => /^[\w.-]+\/$/u.test(line))
      .map((line) => line.slice(0, -1)),
  );

  it('names every folder of functions/ and functions/core/, and every top-level folder of code and data', () => {
    const topLevel = foldersIn('.').filter((folder) => !ignored.has(folder));
    const expected = [...foldersIn('functions'), ...foldersIn('functions/core'), ...topLevel].filter(
      (folder) => folder !== 'functions',
    );
    expect(expected).toContain('functions/core/publish');
    expect(expected.filter((folder) => !listed.includes(folder))).toEqual([]);
  });

  it('names no folder that does not exist', () => {
    expect(listed.length).toBeGreaterThan(10);
    expect(listed.filter((folder) => !existsSync(join(root, folder)))).toEqual([]);
  });
});
