/**
 * What the facts analysis calls every so often while it works, so that a caller can stop it (a time budget: the
 * checkpoint throws). The analysis is one synchronous call; without this it could only be stopped after it ends.
 */
export type Checkpoint = () => void;

/** Sentences (or windows of a long one) each extractor goes through between two calls of the checkpoint. */
export const sentencesPerCheckpoint = 64;

/** A function to call once per sentence: it calls `checkpoint` every `sentencesPerCheckpoint` calls. */
export function perSentence(checkpoint: Checkpoint | undefined): Checkpoint {
  if (!checkpoint) return () => {};
  let count = 0;
  return () => {
    count++;
    if (count % sentencesPerCheckpoint === 0) checkpoint();
  };
}
