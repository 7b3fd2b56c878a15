import { spawnSync } from 'node:child_process';
import { apertiumPackages, installedMode, listApertiumModes } from '../adapters/apertium-translator.js';

export interface ApertiumSetup {
  /** Installed modes after any installation; `undefined` when Apertium itself is missing. */
  readonly modes: readonly string[] | undefined;
  /** Requested languages whose pair is (now) installed. */
  readonly ready: readonly string[];
  /** Requested languages still without a pair. */
  readonly missing: readonly string[];
  /** Debian packages that would provide what is missing. */
  readonly packages: readonly string[];
  /** Packages installed by this call. */
  readonly installed: readonly string[];
}

export interface ApertiumSetupOptions {
  readonly sourceLanguage: string;
  readonly languages: readonly string[];
  /** Install missing Debian packages with apt-get when this process may (root or passwordless sudo). */
  readonly install: boolean;
  readonly say: (line: string) => void;
  readonly command?: string;
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function installer(): string[] | undefined {
  if (!has('apt-get')) return undefined;
  if (process.getuid?.() === 0) return [];
  if (has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0)
    return ['sudo', '-n'];
  return undefined;
}

function split(modes: readonly string[] | undefined, source: string, languages: readonly string[]) {
  const installed = new Set(modes ?? []);
  const ready = languages.filter((language) => installedMode(installed, source, language) !== undefined);
  const missing = languages.filter((language) => !ready.includes(language));
  return { ready, missing };
}

/**
 * Finds which requested Apertium pairs are installed and, when allowed and possible, installs the missing ones
 * with apt-get. Says what it does through `say`.
 */
export async function setUpApertium(options: ApertiumSetupOptions): Promise<ApertiumSetup> {
  const { sourceLanguage, languages, say } = options;
  let modes = await listApertiumModes(options.command);
  let { ready, missing } = split(modes, sourceLanguage, languages);
  const packagesFor = (wanted: readonly string[]): string[] => [
    ...(modes === undefined ? ['apertium'] : []),
    ...wanted.flatMap((language) => (apertiumPackages[language] ? [apertiumPackages[language]] : [])),
  ];
  let packages = packagesFor(missing);
  const installed: string[] = [];
  if (packages.length > 0 && options.install) {
    const prefix = installer();
    if (prefix) {
      say(`Installing ${packages.join(' ')} with apt-get (needed for ${missing.join(', ') || 'Apertium'})…`);
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const [command = 'apt-get', ...rest] = [...prefix, 'apt-get'];
      const install = () =>
        spawnSync(command, [...rest, 'install', '-y', '-q', '--no-install-recommends', ...packages], {
          stdio: ['ignore', 'ignore', 'pipe'],
          env,
        });
      let result = install();
      if (result.status !== 0) {
        // A fresh machine may not have package lists yet.
        spawnSync(command, [...rest, 'update', '-q'], { stdio: 'ignore', env });
        result = install();
      }
      if (result.status === 0) {
        installed.push(...packages);
        modes = await listApertiumModes(options.command);
        ({ ready, missing } = split(modes, sourceLanguage, languages));
        packages = packagesFor(missing);
        say(`Installed ${installed.join(' ')}.`);
      } else {
        say(
          `apt-get could not install ${packages.join(' ')}: ${result.stderr.toString().trim().split('\n').pop() ?? ''}`,
        );
      }
    }
  }
  return { modes, ready, missing, packages, installed };
}
