/** Entity types the tagger tells apart; `MISC` (nationalities, events, works) is found only to be left out. */
export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export const entityTypes: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'MISC'];

/** BIO labels: index 0 is outside, then `B-` and `I-` of each type. */
export const labels: readonly string[] = ['O', ...entityTypes.flatMap((type) => [`B-${type}`, `I-${type}`])];

export const labelCount = labels.length;

export function labelType(label: number): EntityType | undefined {
  return label === 0 ? undefined : entityTypes[Math.floor((label - 1) / 2)];
}

export function isInside(label: number): boolean {
  return label > 0 && label % 2 === 0;
}

/** `I-X` may only follow `B-X` or `I-X`. */
export function allowedTransition(previous: number, label: number): boolean {
  if (!isInside(label)) return true;
  return previous !== 0 && labelType(previous) === labelType(label);
}
