import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, readFile, stat } from 'node:fs/promises';
import { protectLexicalUnits } from './apertium-stream.js';

/** Runs a command to completion with `input` on stdin and returns its stdout. */
export function runCommand(
  command: string,
  args: readonly string[],
  input: string,
  timeoutMs: number,
): Promise<string> {
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
        reject(new Error(`${command} ${reason}: ${Buffer.concat(stderr).toString('utf8').trim()}`));
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/**
 * The shell pipeline of an Apertium mode, cut in three around its part-of-speech tagger: `analyse` (the
 * morphological analyser, word-bound blanks attached, constraint grammar where the pair has one), `tag` (the
 * tagger; the HMM tagger runs with `-d`, so that it says when it meets an ambiguity class its model lacks), `rest`
 * (transfer to generation). Each script takes the generator option as `$1` and the tagger option as `$2`, as
 * the `apertium` command passes them. A mode without a tagger has `tag` undefined.
 */
export interface ModePipeline {
  readonly analyse: string;
  readonly tag?: string;
  readonly rest: string;
}

const dataDirectories = ['/usr/share/apertium', '/usr/local/share/apertium'];

/** Cuts a mode's pipeline (one line of `cmd | cmd | ...`) around its tagger. */
export function splitModePipeline(script: string): ModePipeline {
  const commands = script.trim().split(/\s\|\s/u);
  const tagger = commands.findIndex((command) => /^apertium-tagger\s/u.test(command.trim()));
  if (tagger < 1) {
    return { analyse: commands[0] ?? 'cat', rest: commands.slice(1).join(' | ') || 'cat' };
  }
  const tag = (commands[tagger] as string).trim();
  // Only the HMM tagger changes as it tags (the perceptron keeps no such state, and its -d output is a trace).
  const perceptron = /\s(?:-[a-zA-Z]*x[a-zA-Z]*|--perceptron)(?=\s|$)/u.test(tag);
  return {
    analyse: commands.slice(0, tagger).join(' | '),
    tag: perceptron ? tag : tag.replace(/^apertium-tagger\s/u, 'apertium-tagger -d '),
    rest: commands.slice(tagger + 1).join(' | ') || 'cat',
  };
}

/**
 * The pipeline of an installed mode in null-flush form (`apertium-wblank-mode -z`), cut around its tagger, or
 * `undefined` where this Apertium cannot provide it.
 */
export async function nullFlushPipeline(mode: string): Promise<ModePipeline | undefined> {
  for (const directory of dataDirectories) {
    const file = `${directory}/modes/${mode}.mode`;
    try {
      await access(file);
      const script = await runCommand('apertium-wblank-mode', ['-z', file], '', 10_000);
      return script.includes('-z') ? splitModePipeline(script) : undefined;
    } catch {
      // Try the next directory.
    }
  }
  return undefined;
}

interface Pending {
  readonly resolve: (output: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * One long-lived process in null-flush mode: each request is written with a NUL after it and answered by
 * everything the process writes up to its next NUL. Requests are served one at a time, in order.
 */
export class NullFlushProcess {
  #child: ChildProcessWithoutNullStreams | undefined;
  #buffer = Buffer.alloc(0);
  #stderr = '';
  #pending: Pending | undefined;
  /** Set when the process wrote anything to stderr since `clearStderr()`. */
  wroteStderr = false;

  constructor(
    private readonly script: string,
    private readonly args: readonly string[],
  ) {}

  #start(): ChildProcessWithoutNullStreams {
    // Detached so that the whole pipeline can be stopped as one process group.
    const child = spawn('bash', ['-c', this.script, 'apertium-mode', ...this.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    // A process that was stopped may still deliver its last events: they are not the current one's.
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.#child === child) this.#receive(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.#child !== child) return;
      this.wroteStderr = true;
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.stdin.on('error', () => undefined);
    child.on('exit', (code, signal) => {
      if (this.#child !== child) return;
      this.#child = undefined;
      this.#fail(new Error(`Apertium stopped (${signal ?? `exit ${code}`}): ${this.#stderr.trim()}`));
    });
    child.on('error', (error) => {
      if (this.#child === child) this.#fail(error);
    });
    // An idle engine must not keep the program alive; a request in flight does, through its timeout timer.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr])
      (stream as unknown as { unref?: () => void }).unref?.();
    this.#buffer = Buffer.alloc(0);
    return child;
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const end = this.#buffer.indexOf(0);
    if (end < 0) return;
    const output = this.#buffer.subarray(0, end).toString('utf8');
    this.#buffer = this.#buffer.subarray(end + 1);
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve(output);
    }
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }

  clearStderr(): void {
    this.wroteStderr = false;
  }

  request(input: string, timeoutMs: number): Promise<string> {
    this.#child ??= this.#start();
    const child = this.#child;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(new Error(`Apertium gave no answer within ${timeoutMs} ms.`));
        this.kill();
      }, timeoutMs);
      this.#pending = { resolve, reject, timer };
      child.stdin.write(`${input.replaceAll('\0', ' ')}\0`);
    });
  }

  /** Stops the process; the next request starts a fresh one. */
  kill(): void {
    const child = this.#child;
    this.#child = undefined;
    this.#buffer = Buffer.alloc(0);
    if (child?.pid === undefined) return;
    child.stdin.end();
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Translates one segment, given and answered in Apertium's stream format. */
export interface ApertiumEngine {
  /** `kept`: the text of each element (by id) whose lexical units are merged into one proper noun. */
  translate(stream: string, kept: ReadonlyMap<number, string>, timeoutMs: number): Promise<string>;
  close(): void;
}

/** Where the pipeline stops between requests: the answer as the last stage wrote it. */
const ARGS = ['-n', ''];

/**
 * A mode's pipeline as three long-lived null-flush processes, one segment per request: the transducers load
 * once, then each segment is answered in milliseconds. Every module but the tagger starts each request afresh
 * (a NUL ends its context: anaphora, constraint grammar); the HMM tagger does not: the first time it meets an
 * ambiguity class its model lacks, it replaces its open class (the tags it gives unknown words) for good
 * (`find_similar_ambiguity_class` assigns through a reference to it), so that every later request with an unknown
 * word is tagged differently ("Maria Chen dijo" alone, "Maria Chen dicho" after another article). The tagger says
 * so on stderr (`-d`), and is then restarted before the next segment (a few tens of milliseconds): every segment
 * starts from the tagger as it was loaded, so its translation depends on nothing that came before it.
 */
export class PersistentApertium implements ApertiumEngine {
  readonly #analyse: NullFlushProcess;
  readonly #tag: NullFlushProcess | undefined;
  readonly #rest: NullFlushProcess;
  #queue: Promise<unknown> = Promise.resolve();
  /** Taggers restarted because they had changed, for tests and benchmarks. */
  taggerRestarts = 0;

  constructor(pipeline: ModePipeline) {
    this.#analyse = new NullFlushProcess(pipeline.analyse, ARGS);
    this.#tag = pipeline.tag === undefined ? undefined : new NullFlushProcess(pipeline.tag, ARGS);
    this.#rest = new NullFlushProcess(pipeline.rest, ARGS);
  }

  async #request(stream: string, kept: ReadonlyMap<number, string>, timeoutMs: number): Promise<string> {
    try {
      const analysed = protectLexicalUnits(await this.#analyse.request(stream, timeoutMs), kept);
      const tagged = this.#tag ? await this.#tag.request(analysed, timeoutMs) : analysed;
      return await this.#rest.request(tagged, timeoutMs);
    } catch (error) {
      // A stage that failed may hold half a request: start every stage afresh.
      this.close();
      throw error;
    } finally {
      // The tagger's warning was written before its answer, which has since gone through the rest of the pipeline.
      if (this.#tag?.wroteStderr) {
        this.#tag.kill();
        this.#tag.clearStderr();
        this.taggerRestarts += 1;
      }
    }
  }

  translate(stream: string, kept: ReadonlyMap<number, string>, timeoutMs: number): Promise<string> {
    const result = this.#queue.then(() => this.#request(stream, kept, timeoutMs));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.#analyse.kill();
    this.#tag?.kill();
    this.#rest.kill();
  }
}

/**
 * Identifies the installed data of a mode: a hash of the size and modification time of every file its pipeline
 * loads. An upgraded language pair gets a new fingerprint, so remembered translations of the old one are not reused.
 */
export async function modeFingerprint(mode: string): Promise<string | undefined> {
  for (const directory of dataDirectories) {
    let script: string;
    try {
      script = await readFile(`${directory}/modes/${mode}.mode`, 'utf8');
    } catch {
      continue;
    }
    const hash = createHash('sha256').update(script);
    const files = [...new Set(script.match(/\/[^'"\s|]+\.[A-Za-z0-9]+/gu) ?? [])].sort();
    for (const file of files) {
      const stats = await stat(file).catch(() => undefined);
      hash.update(`${file}:${stats?.size ?? '-'}:${stats?.mtimeMs ?? '-'}\n`);
    }
    return hash.digest('hex').slice(0, 12);
  }
  return undefined;
}
