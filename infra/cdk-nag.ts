import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Registers cdk-nag's AwsSolutions pack as a CDK validation plugin: any finding not acknowledged with
 * `Validations.of(construct).acknowledge(...)` fails the synthesis. (cdk-nag is a dev dependency, used by the
 * app and the tests, so the construct library itself does not import it.)
 */
export function addAwsSolutionsChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
