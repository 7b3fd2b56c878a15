import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../local/helpers.js';

const bin = join(root, 'bin/polybrief.mjs');

/** `polybrief dev` as a child process, its stdout read line by line. */
export interface DevProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  stderr(): string;
  /** Resolves once `condition` holds for the stdout lines so far; rejects when the process exits first. */
  until(condition: (lines: readonly string[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the first stdout line matching `pattern`; rejects when the process exits first. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The endpoint it printed (`http://127.0.0.1:PORT`). */
  endpoint(): Promise<string>;
  readonly exited: Promise<number | null>;
}

/** Someone's AWS set-up: any key and secret, no config files; the SDK's Node 20 notice off. */
export function devEnvironment(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAANYTHING',
    AWS_SECRET_ACCESS_KEY: 'any-secret-at-all',
    AWS_REGION: 'eu-west-1',
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

export function startDev(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): DevProcess {
  const child = spawn(process.execPath, [bin, 'dev', ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let errors = '';
  let waiters: (() => void)[] = [];
  const wakeAll = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    wakeAll();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  exited.then(wakeAll);
  const until = async (condition: (all: readonly string[]) => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition(lines)) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline)
        throw new Error(`condition not met; stdout:\n${lines.join('\n')}\nstderr:\n${errors}`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  };
  const line = async (pattern: RegExp, timeoutMs = 30_000) => {
    await until((all) => all.some((text) => pattern.test(text)), timeoutMs);
    return lines.find((text) => pattern.test(text)) as string;
  };
  return {
    child,
    lines,
    stderr: () => errors,
    exited,
    until,
    line,
    async endpoint() {
      return /(http:\/\/127\.0\.0\.1:\d+)/.exec(await line(/^ {2}endpoint /))?.[1] ?? '';
    },
  };
}

/** The lines it printed for published articles (`published  <id>  <languages> ...`). */
export function publishedLines(dev: DevProcess): string[] {
  return dev.lines.filter((line) => line.startsWith('published '));
}

/** The source key of every ArticlePublished event it printed, in order. */
export function publishedEventSources(dev: DevProcess): string[] {
  return dev.lines
    .filter((line) => line.startsWith('event ') && line.includes('"ArticlePublished"'))
    .map(
      (line) =>
        (JSON.parse(line.slice(line.indexOf('{'))) as { detail: { sourceKey: string } }).detail.sourceKey,
    );
}

/** Kills the process at once, as a crash or `kill -9` would, and waits for it to be gone. */
export async function killHard(dev: DevProcess): Promise<void> {
  if (dev.child.exitCode === null && dev.child.signalCode === null) dev.child.kill('SIGKILL');
  await dev.exited;
}
