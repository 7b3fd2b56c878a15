import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import { TranslationError } from '../core/errors.js';
import type { TranslationRequest, TranslationResult, Translator } from '../core/ports.js';

/** Two- and three-letter codes, because Apertium names its modes either way (`en-gl`, `eng-spa`). */
const iso3: Readonly<Record<string, string>> = {
  en: 'eng',
  es: 'spa',
  ca: 'cat',
  gl: 'glg',
  eo: 'epo',
  fr: 'fra',
  pt: 'por',
  it: 'ita',
  de: 'deu',
  oc: 'oci',
  an: 'arg',
  eu: 'eus',
  ro: 'ron',
  nl: 'nld',
  af: 'afr',
  sv: 'swe',
  da: 'dan',
  nb: 'nob',
  nn: 'nno',
  is: 'isl',
};

/** The Debian package holding each English→X pair. */
export const apertiumPackages: Readonly<Record<string, string>> = {
  es: 'apertium-eng-spa',
  ca: 'apertium-eng-cat',
  gl: 'apertium-en-gl',
  eo: 'apertium-eo-en',
};

export function modeCandidates(source: string, target: string): string[] {
  const s3 = iso3[source] ?? source;
  const t3 = iso3[target] ?? target;
  return [...new Set([`${source}-${target}`, `${s3}-${t3}`, `${source}-${t3}`, `${s3}-${target}`])];
}

/** Installed Apertium modes (`apertium -l`), or `undefined` when the `apertium` command is missing. */
export async function listApertiumModes(command = 'apertium'): Promise<string[] | undefined> {
  try {
    const output = await run(command, ['-l'], '', 30_000);
    return output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  } catch {
    return undefined;
  }
}

function run(command: string, args: readonly string[], input: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else {
        const reason = signal ? `was stopped (${signal}) after ${timeoutMs} ms` : `exited with ${code}`;
        reject(
          new Error(
            `${command} ${args.join(' ')} ${reason}: ${Buffer.concat(stderr).toString('utf8').trim()}`,
          ),
        );
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

export interface ApertiumTranslatorOptions {
  /** Installed modes, from `listApertiumModes()`. */
  readonly modes: readonly string[];
  readonly command?: string;
  /** Apertium processes running at once across all languages (default: the machine's cores). */
  readonly concurrency?: number;
  /** Characters per Apertium process: long articles are split so that several cores work on them. */
  readonly chunkCharacters?: number;
}

/**
 * Apertium, the rule-based engine, as a `Translator`. Segments go in separated by blank lines (Apertium keeps
 * paragraph breaks, while single line breaks can merge lines); the number of segments coming back is verified
 * and, where it differs, the batch is halved until every segment is aligned. Unknown-word marks are off (`-u`).
 */
export class ApertiumTranslator implements Translator {
  readonly engine = 'apertium';
  readonly #modes: ReadonlySet<string>;
  readonly #command: string;
  readonly #limit: LimitFunction;
  readonly #chunkCharacters: number;

  constructor(options: ApertiumTranslatorOptions) {
    this.#modes = new Set(options.modes);
    this.#command = options.command ?? 'apertium';
    this.#limit = pLimit(options.concurrency ?? availableParallelism());
    this.#chunkCharacters = options.chunkCharacters ?? 40_000;
  }

  modeFor(source: string, target: string): string | undefined {
    return modeCandidates(source, target).find((mode) => this.#modes.has(mode));
  }

  supports(source: string, target: string): boolean {
    return this.modeFor(source, target) !== undefined;
  }

  settingsFor(targetLanguage: string): string {
    return this.modeFor('en', targetLanguage) ?? targetLanguage;
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    const mode = this.modeFor(request.sourceLanguage, request.targetLanguage);
    if (!mode) {
      const pkg = apertiumPackages[request.targetLanguage];
      throw new TranslationError(
        `Apertium has no ${request.sourceLanguage}→${request.targetLanguage} pair installed${pkg ? ` (install the Debian package ${pkg})` : ''}.`,
        false,
      );
    }
    const usage = { characters: 0, requests: 0, retries: 0 };
    const chunks = chunk(request.segments, this.#chunkCharacters);
    const translated = await Promise.all(chunks.map((segments) => this.#aligned(mode, segments, usage)));
    return { translations: translated.flat(), usage };
  }

  async #aligned(
    mode: string,
    segments: readonly string[],
    usage: { characters: number; requests: number; retries: number },
  ): Promise<string[]> {
    if (segments.length === 0) return [];
    const input = segments.join('\n\n');
    usage.characters += input.length;
    usage.requests++;
    let output: string;
    try {
      // `apertium` reads /dev/stdin, which cannot be opened when stdin is the socket Node gives a child
      // process; `cat |` turns it into a real pipe.
      output = await this.#limit(() =>
        run('sh', ['-c', 'cat | exec "$0" -u "$1"', this.#command, mode], input, 60_000 + input.length),
      );
    } catch (error) {
      throw new TranslationError(
        `Apertium (${mode}) failed: ${error instanceof Error ? error.message : String(error)}`,
        false,
        { cause: error },
      );
    }
    const parts = output.trim().split(/\n[ \t]*\n/u);
    if (parts.length === segments.length) {
      return parts.map((part, index) => clean(part, segments[index] ?? ''));
    }
    if (segments.length === 1) return [clean(parts.join(' '), segments[0] ?? '')];
    usage.retries++;
    const middle = Math.ceil(segments.length / 2);
    const [left, right] = await Promise.all([
      this.#aligned(mode, segments.slice(0, middle), usage),
      this.#aligned(mode, segments.slice(middle), usage),
    ]);
    return [...left, ...right];
  }
}

function chunk(segments: readonly string[], limit: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const segment of segments) {
    if (current.length > 0 && size + segment.length > limit) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(segment);
    size += segment.length + 2;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Drops Apertium's `#`/`@` analysis marks (which the source text did not have) and stray whitespace. */
function clean(translation: string, source: string): string {
  let text = translation.replace(/\s+/gu, ' ').trim();
  if (!source.includes('#')) text = text.replace(/#(?=\p{L})/gu, '');
  if (!source.includes('@')) text = text.replace(/@(?=\p{L})/gu, '');
  return text;
}
