import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../../local/helpers.js';

const bin = join(root, 'bin/polybrief.mjs');

/** `polybrief dev` as a child process, its stdout read line by line. */
export interface DevProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  stderr(): string;
  /** Resolves once `condition` holds for the stdout lines so far; rejects when the process exits first. */
  until(condition: (lines: readonly string[]) => boolean, timeoutMs?: number): Promise<void>;
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
  return {
    child,
    lines,
    stderr: () => errors,
    exited,
    until,
    async endpoint() {
      await until((all) => all.some((line) => /^ {2}endpoint /.test(line)));
      const line = lines.find((text) => /^ {2}endpoint /.test(text)) ?? '';
      return /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? '';
    },
  };
}

/** Kills the process at once, as a crash or `kill -9` would, and waits for it to be gone. */
export async function killHard(dev: DevProcess): Promise<void> {
  if (dev.child.exitCode === null && dev.child.signalCode === null) dev.child.kill('SIGKILL');
  await dev.exited;
}
