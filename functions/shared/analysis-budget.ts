// Shared by the pipeline core and the CDK sizing (the function's timeout leaves room for it).

/**
 * How long the analysis of one article (decode, parse, language check, facts, summary) may take before the
 * article is refused as `analysis-too-slow`. Every stage is linear in the text: the 2 MiB limit article takes
 * about 11 s on a shared development core, so only an input built to be expensive, or a fault, comes near it.
 */
export const DEFAULT_ANALYSIS_BUDGET_MS = 120_000;
