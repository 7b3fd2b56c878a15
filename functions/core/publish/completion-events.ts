import type { PipelineEvent } from '../ports.js';
import type { ArticleRun } from '../run.js';

/**
 * Tells the event sink (if any) of a published set or a failed article. Best effort: the outputs are already
 * safely written when it is sent, so a sink that fails is logged, never thrown.
 */
export async function notifyCompletion(run: ArticleRun, event: PipelineEvent): Promise<void> {
  try {
    await run.deps.events?.publish(event);
  } catch (error) {
    run.deps.logger.error('completion event not sent', {
      articleId: event.detail.articleId,
      error: String(error),
    });
  }
}
