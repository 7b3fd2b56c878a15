/** One line of the benchmark's report: a figure measured in this run, its target, and whether it meets it. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  /** `max`: the value must be at most `target`; `min`: at least; `equal`: exactly. */
  readonly kind: 'max' | 'min' | 'equal';
  readonly target: number;
  /** Digits after the decimal point when printed. */
  readonly digits: number;
  /** How the value was obtained, briefly, with the raw numbers. */
  readonly detail: string;
}

export function passes(figure: Figure): boolean {
  if (!Number.isFinite(figure.value)) return false;
  switch (figure.kind) {
    case 'max':
      return figure.value <= figure.target;
    case 'min':
      return figure.value >= figure.target;
    case 'equal':
      return figure.value === figure.target;
  }
}

const SIGNS = { max: '≤', min: '≥', equal: '=' } as const;

export function formatFigure(figure: Figure): string {
  const value = figure.value.toFixed(figure.digits);
  const target = `${SIGNS[figure.kind]} ${figure.target.toFixed(figure.digits)}`;
  return `${figure.name.padEnd(30)} ${value.padStart(9)}   target ${target.padEnd(10)} ${passes(figure) ? 'PASS' : 'FAIL'}   ${figure.detail}`;
}

/** Slope of the least-squares line through (log x, log y): y grows as x to this power. */
export function logLogSlope(points: readonly (readonly [x: number, y: number])[]): number {
  const xs = points.map(([x]) => Math.log(x));
  const ys = points.map(([, y]) => Math.log(y));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let numerator = 0;
  let denominator = 0;
  xs.forEach((x, i) => {
    numerator += (x - meanX) * ((ys[i] as number) - meanY);
    denominator += (x - meanX) ** 2;
  });
  return numerator / denominator;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
