import { readFileSync } from 'node:fs';
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { vi } from 'vitest';
import type { ArticlePipelineProps } from '../../infra/article-pipeline.js';
import { addAwsSolutionsChecks } from '../../infra/cdk-nag.js';
import { PolybriefStack } from '../../infra/polybrief-stack.js';

/** The context in cdk.json (feature flags and pipeline defaults), so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface SynthOptions {
  /**
   * Run esbuild on the handler. Off, CDK skips asset bundling (the `aws:cdk:bundling-stacks` context the CLI
   * sets for `--exclusively`), which keeps option-by-option syntheses fast; one test file bundles for real.
   */
  readonly bundle: boolean;
}

export interface Synthesized<S extends Stack = Stack> {
  readonly app: App;
  readonly stack: S;
  readonly template: Template;
}

/**
 * Synthesizes the stack `build` adds to an app the way `cdk synth` does: cdk.json's context and the
 * AwsSolutions checks registered, so the synthesis throws on any unacknowledged cdk-nag finding.
 */
export function synthesize<S extends Stack>(
  build: (app: App) => S,
  { bundle }: SynthOptions,
): Synthesized<S> {
  const app = new App({
    context: { ...cdkJsonContext(), ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  // CDK announces each bundling (done while the function is constructed) on stderr; tests have nothing to add.
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const stack = build(app);
    addAwsSolutionsChecks(app);
    return { app, stack, template: Template.fromStack(stack) };
  } finally {
    quiet.mockRestore();
  }
}

/** The app's own stack, as `infra/app.ts` builds it, with `pipeline` props. */
export function synthesizePolybrief(
  pipeline: ArticlePipelineProps | undefined,
  options: SynthOptions,
  extend?: (stack: PolybriefStack) => void,
): Synthesized<PolybriefStack> {
  return synthesize((app) => {
    const stack = new PolybriefStack(app, 'Polybrief', pipeline ? { pipeline } : {});
    extend?.(stack);
    return stack;
  }, options);
}

type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

/** `{ "Fn::Join": ["", [{ "Fn::GetAtt": ["Bucket", "Arn"] }, "/incoming/*"]] }` → `<Bucket.Arn>/incoming/*`. */
export function flattenCfn(value: CfnValue): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return JSON.stringify(value);
  }
  const join = value['Fn::Join'] as [string, CfnValue[]] | undefined;
  if (join) {
    return join[1].map(flattenCfn).join(join[0]);
  }
  const getAtt = value['Fn::GetAtt'] as [string, string] | undefined;
  if (getAtt) {
    return `<${getAtt[0]}.${getAtt[1]}>`;
  }
  if (typeof value.Ref === 'string') {
    return `<${value.Ref}>`;
  }
  return JSON.stringify(value);
}

export function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** The logical id of the only resource of `type` whose logical id starts with `prefix`. */
export function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) {
    throw new Error(`Expected one ${type} starting with ${prefix}, found ${ids.join(', ') || 'none'}`);
  }
  return ids[0] as string;
}

/** Every `Validations.of(...).acknowledge(...)` in the tree, as `path: id → reason`. */
export function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  const visit = (construct: IConstruct) => {
    for (const entry of construct.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          found.push({ path: construct.node.path, id, reason });
        }
      }
    }
    construct.node.children.forEach(visit);
  };
  visit(root);
  return found;
}
