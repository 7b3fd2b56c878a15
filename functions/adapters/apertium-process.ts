import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, readFile, stat } from 'node:fs/promises';

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

/** Translates plain text with one Apertium mode. */
export interface ApertiumEngine {
  translate(text: string, timeoutMs: number): Promise<string>;
  close(): void;
}

/** One `apertium -u <mode>` process per call: simple, but pays the engine's start-up (0.5–1 s) every time. */
export class OneShotApertium implements ApertiumEngine {
  constructor(
    private readonly command: string,
    private readonly mode: string,
  ) {}

  translate(text: string, timeoutMs: number): Promise<string> {
    // `apertium` reads /dev/stdin, which cannot be opened when stdin is the socket Node gives a child process;
    // `cat |` turns it into a real pipe.
    return runCommand('sh', ['-c', 'cat | exec "$0" -u "$1"', this.command, this.mode], text, timeoutMs);
  }

  close(): void {}
}

const dataDirectories = ['/usr/share/apertium', '/usr/local/share/apertium'];

/**
 * The shell pipeline of an installed mode in null-flush form (`apertium-wblank-mode -z`), or `undefined` where
 * this Apertium cannot provide it.
 */
export async function nullFlushPipeline(mode: string): Promise<string | undefined> {
  for (const directory of dataDirectories) {
    const file = `${directory}/modes/${mode}.mode`;
    try {
      await access(file);
      const script = await runCommand('apertium-wblank-mode', ['-z', file], '', 10_000);
      return script.includes('-z') ? script : undefined;
    } catch {
      // Try the next directory, or fall back to one process per call.
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
 * A long-lived Apertium pipeline in null-flush mode: the transducers load once, then each request (terminated by
 * a NUL byte) is answered in tens of milliseconds. Requests are served one at a time, in order. The text is put
 * into and taken out of Apertium's stream format by `apertium-destxt` / `apertium-retxt`, exactly as the
 * `apertium` command does.
 */
export class PersistentApertium implements ApertiumEngine {
  #child: ChildProcessWithoutNullStreams | undefined;
  #buffer = Buffer.alloc(0);
  #stderr = '';
  #pending: Pending | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly pipeline: string) {}

  #start(): ChildProcessWithoutNullStreams {
    // `-n` as the generator option drops unknown-word marks (what `apertium -u` does); detached so that the
    // whole pipeline can be stopped as one process group.
    const child = spawn('bash', ['-c', this.pipeline, 'apertium-mode', '-n', ''], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout.on('data', (chunk: Buffer) => this.#receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.stdin.on('error', () => undefined);
    child.on('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      this.#fail(new Error(`Apertium stopped (${signal ?? `exit ${code}`}): ${this.#stderr.trim()}`));
    });
    child.on('error', (error) => this.#fail(error));
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

  #kill(): void {
    const child = this.#child;
    this.#child = undefined;
    if (child?.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  async #request(text: string, timeoutMs: number): Promise<string> {
    const stream = await runCommand('apertium-destxt', [], text.replaceAll('\0', ' '), timeoutMs);
    this.#child ??= this.#start();
    const child = this.#child;
    const output = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(new Error(`Apertium gave no answer within ${timeoutMs} ms.`));
        this.#kill();
      }, timeoutMs);
      this.#pending = { resolve, reject, timer };
      child.stdin.write(`${stream}\0`);
    });
    return runCommand('apertium-retxt', [], output, timeoutMs);
  }

  translate(text: string, timeoutMs: number): Promise<string> {
    const result = this.#queue.then(() => this.#request(text, timeoutMs));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.#child?.stdin.end();
    this.#kill();
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
