import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** What was read of one GetObject answer's body. */
export interface BodyRead {
  readonly key: string;
  bytes: number;
  destroyed: boolean;
}

/** An error shaped as the SDK throws one for a failed S3 request, after its own retries. */
export function s3ServerError(key: string): Error {
  return Object.assign(new Error(`We encountered an internal error writing ${key}. Please try again.`), {
    name: 'InternalError',
    $fault: 'server',
    $metadata: { httpStatusCode: 500, attempts: 5 },
  });
}

/**
 * Stands between the handler's article stores and the local bucket (`wrapS3Client` of the dev runner): records
 * every read and write, measures how much of each object body was read, and injects the faults a real bucket
 * has: an object deleted just before it is read, a PUT that fails.
 */
export class S3Tap {
  readonly gets: string[] = [];
  readonly puts: string[] = [];
  readonly bodies: BodyRead[] = [];
  /** Keys deleted (through the real client) the first time they are about to be read. */
  readonly deleteBeforeRead = new Set<string>();
  /** Decides, for each PUT, whether it fails instead of reaching the bucket. */
  failPut: (key: string, attempt: number) => boolean = () => false;
  readonly #putAttempts = new Map<string, number>();
  readonly failedPuts: string[] = [];

  wrap = (client: S3Client): Pick<S3Client, 'send'> => {
    const send = async (command: unknown): Promise<unknown> => {
      if (command instanceof GetObjectCommand) {
        const key = command.input.Key ?? '';
        this.gets.push(key);
        if (this.deleteBeforeRead.delete(key))
          await client.send(new DeleteObjectCommand({ Bucket: command.input.Bucket, Key: key }));
        const output = await client.send(command);
        return this.#measured(key, output);
      }
      if (command instanceof PutObjectCommand) {
        const key = command.input.Key ?? '';
        const attempt = (this.#putAttempts.get(key) ?? 0) + 1;
        this.#putAttempts.set(key, attempt);
        if (this.failPut(key, attempt)) {
          this.failedPuts.push(key);
          throw s3ServerError(key);
        }
        this.puts.push(key);
      }
      return client.send(command as never);
    };
    return { send } as Pick<S3Client, 'send'>;
  };

  /** Swaps the body for one that counts what is read of it (the store iterates it or destroys it). */
  #measured(key: string, output: GetObjectCommandOutput): GetObjectCommandOutput {
    const body = output.Body as unknown as AsyncIterable<Uint8Array> & { destroy(): void };
    if (!body) return output;
    const read: BodyRead = { key, bytes: 0, destroyed: false };
    this.bodies.push(read);
    const counted = {
      async *[Symbol.asyncIterator]() {
        for await (const chunk of body) {
          read.bytes += chunk.byteLength;
          yield chunk;
        }
      },
      destroy() {
        read.destroyed = true;
        body.destroy();
      },
    };
    return { ...output, Body: counted as unknown as NonNullable<GetObjectCommandOutput['Body']> };
  }
}
