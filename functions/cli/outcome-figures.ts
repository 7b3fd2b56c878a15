import type { PublishedOutcome } from '../core/pipeline.js';

/** `1.3s` */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/**
 * `12,345 characters sent, 678 from memory, ~$0.19`: what translating the article cost, all languages together.
 * `price: 'when-paid'` leaves the estimate out when the engine cost nothing (Apertium).
 */
export function translationCost(
  usage: PublishedOutcome['usage'],
  { price }: { readonly price: 'always' | 'when-paid' },
): string {
  const all = Object.values(usage);
  const sent = all.reduce((sum, language) => sum + language.charactersSent, 0);
  const remembered = all.reduce((sum, language) => sum + language.charactersFromMemory, 0);
  const usd = all.reduce((sum, language) => sum + language.estimatedCostUsd, 0);
  const paid = all.some((language) => language.estimatedCostUsd > 0);
  const estimate = price === 'always' || paid ? `, ~$${usd.toFixed(2)}` : '';
  return `${sent.toLocaleString('en')} characters sent, ${remembered.toLocaleString('en')} from memory${estimate}`;
}
