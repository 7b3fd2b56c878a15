/**
 * Sums of money's units, from the runtime's own locale data (ICU, through Intl): ISO 4217 codes ("GBP") and their
 * English names, singular or plural ("Congolese Francs"). The facts do not take them for organisations, and the
 * translation does not keep them as names.
 */

import { fold } from './entities/text.js';

let cachedMoney: { codes: ReadonlySet<string>; names: ReadonlySet<string> } | undefined;

/** ISO 4217 codes and their English names (ICU's, through Intl): "GBP", "congolese franc". */
function money(): { codes: ReadonlySet<string>; names: ReadonlySet<string> } {
  if (cachedMoney) return cachedMoney;
  const codes = new Set(Intl.supportedValuesOf('currency'));
  const display = new Intl.DisplayNames('en', { type: 'currency', fallback: 'none' });
  const names = new Set<string>();
  for (const code of codes) {
    const name = display.of(code);
    if (name) names.add(fold(name));
  }
  cachedMoney = { codes, names };
  return cachedMoney;
}

/** A sum of money's unit: a currency's code or its English name, singular or plural. */
export function isMoney(name: string): boolean {
  const { codes, names } = money();
  if (/^[A-Z]{3}$/u.test(name)) return codes.has(name);
  const folded = fold(name);
  return names.has(folded) || names.has(folded.replace(/s$/u, ''));
}
