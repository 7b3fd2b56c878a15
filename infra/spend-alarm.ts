import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME } from './pipeline-environment.js';

export interface SpendAlarmProps {
  /** Characters in any 24 hours at which the alarm fires. */
  readonly dailyCharacters: number;
  /** USD per million characters, to say what the figure costs. */
  readonly pricePerMillionCharacters: number;
  readonly topic: ITopic;
  readonly functionName: string;
}

/**
 * The daily budget: an alarm on the `CharactersSent` metric the function emits (every character billed, those of
 * languages that failed included), summed over a sliding 24 hours, notifying the alarm topic. It does not stop
 * anything by itself; its description says how to.
 */
export function createSpendAlarm(scope: Construct, id: string, props: SpendAlarmProps): Alarm {
  const cost = (props.dailyCharacters / 1_000_000) * props.pricePerMillionCharacters;
  const alarm = new Alarm(scope, id, {
    alarmDescription:
      `More than ${props.dailyCharacters.toLocaleString('en-US')} characters (about USD ${cost.toFixed(2)}) were ` +
      'sent to Amazon Translate in the last 24 hours. The function logs what each article sent. To stop ' +
      `translating at once: aws lambda put-function-concurrency --function-name ${props.functionName} ` +
      '--reserved-concurrent-executions 0 (uploads wait in the queue; delete-function-concurrency resumes).',
    metric: new Metric({
      namespace: POWERTOOLS_METRICS_NAMESPACE,
      metricName: 'CharactersSent',
      dimensionsMap: { service: POWERTOOLS_SERVICE_NAME },
      statistic: Stats.SUM,
      period: Duration.days(1),
    }),
    threshold: props.dailyCharacters,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(props.topic));
  return alarm;
}
