/**
 * A loopback stand-in for Amazon Translate's `TranslateText` (AWS JSON 1.1 protocol), for tests and benchmarks.
 * The real SDK client is pointed at `endpoint` with dummy credentials. Translation is a deterministic fake that
 * keeps the line structure (`[es] ` before every line); faults are injected on demand and every request is logged.
 * Dependency-free (node:http) so a `bench/` script can use it as well as vitest.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-random.js';

export const TRANSLATE_TEXT_TARGET = 'AWSShineFrontendService_20170701.TranslateText';
/** Amazon Comprehend's language detection, which `sourceLanguage=auto` calls once per article. */
export const DETECT_DOMINANT_LANGUAGE_TARGET = 'Comprehend_20171127.DetectDominantLanguage';
/** The service's limit on `Text`, in UTF-8 bytes. */
export const TRANSLATE_MAX_TEXT_BYTES = 10_000;

export interface TranslateTextBody {
  readonly Text: string;
  readonly SourceLanguageCode: string;
  readonly TargetLanguageCode: string;
  readonly Settings?: { readonly Formality?: string; readonly Profanity?: string; readonly Brevity?: string };
  readonly TerminologyNames?: readonly string[];
}

export type ThrottleErrorName = 'ThrottlingException' | 'TooManyRequestsException';

export interface AwsJsonError {
  readonly status: number;
  /** The `__type` of the error, e.g. `InternalServerException`. */
  readonly type: string;
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
}

export type RequestOutcome = 'ok' | 'throttled' | 'server-error' | 'hung' | 'client-error';

export interface LoggedRequest {
  /** `Date.now()` when the request arrived and when it was answered (undefined while pending or hung). */
  readonly receivedAt: number;
  finishedAt?: number;
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  /** Unicode code points of `Text`, what the service bills. */
  readonly characters: number;
  readonly bytes: number;
  readonly lines: number;
  readonly text: string;
  readonly settings?: TranslateTextBody['Settings'];
  readonly terminologyNames?: readonly string[];
  outcome?: RequestOutcome;
  status?: number;
  errorType?: string;
}

export interface TranslateServerStats {
  readonly requests: number;
  /** Characters of the requests answered successfully (the billed ones). */
  readonly characters: number;
  readonly byLanguage: Readonly<Record<string, { readonly requests: number; readonly characters: number }>>;
  readonly outcomes: Readonly<Record<RequestOutcome, number>>;
  /** Highest number of requests in flight at once. */
  readonly peakConcurrency: number;
}

/** Faults to inject. Counters (`...Next`) are consumed by the following requests, in this order of checks. */
export interface FaultPlan {
  /** Never answer the next N requests (the connection stays open until the client gives up). */
  hangNext?: number;
  /** Answer the next N requests with a throttling error. */
  throttleNext?: number;
  /** Throttle this fraction (0..1) of all requests, drawn from a seeded generator (deterministic). */
  throttleFraction?: number;
  throttleError?: ThrottleErrorName;
  /** HTTP status of throttling errors: Translate's model says 429; 400 is also seen from AWS front ends. */
  throttleStatus?: number;
  /** Answer the next N requests with a server error (`serverErrorStatus`, default 500). */
  serverErrorNext?: number;
  serverErrorStatus?: 500 | 502 | 503 | 504;
  /** Target languages that always fail with `UnsupportedLanguagePairException`. */
  unsupportedTargets?: readonly string[];
  /** Drop the last line of the answer to the next N multi-line requests. */
  dropLineNext?: number;
  /** Merge the first two lines of the answer to the next N multi-line requests. */
  mergeLinesNext?: number;
  /** Shift the answer to the next N multi-line requests down by a line (an empty first line, the last dropped). */
  shiftLinesNext?: number;
  /** Answer the next N requests with each line repeated this many times (a runaway engine). */
  runawayNext?: number;
  /** Last word on any request: return an error to send it, undefined to go on with the plan. */
  custom?: (request: TranslateTextBody) => AwsJsonError | undefined;
}

export interface TranslateProtocolServerOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Delay before every answer, in ms, fixed or computed per request (e.g. growing with its size). */
  readonly latencyMs?: number | ((request: TranslateTextBody) => number);
  /** Delay before an error answer (a throttle is refused at once, without translating); default `latencyMs`. */
  readonly errorLatencyMs?: number;
  readonly maxTextBytes?: number;
  /** Terminology names that exist; others give `ResourceNotFoundException`. */
  readonly terminologies?: readonly string[];
  /**
   * Language reported when a TranslateText request's source is `auto`, and by DetectDominantLanguage (any code,
   * hostile ones included, to test what a client makes of them); a function picks it from the text.
   */
  readonly detectedLanguage?: string | ((text: string) => string);
  /** DetectDominantLanguage's confidence in it. Default 0.99. */
  readonly detectionScore?: number;
  /** Seed of the generator behind `throttleFraction`. */
  readonly seed?: number;
  /** Replaces the fake translation of one line. */
  readonly translateLine?: (line: string, request: TranslateTextBody) => string;
  readonly faults?: FaultPlan;
}

export interface TranslateProtocolServer {
  /**
   * `http://127.0.0.1:PORT`, for the client's `endpoint` or `AWS_ENDPOINT_URL_TRANSLATE` (and
   * `AWS_ENDPOINT_URL_COMPREHEND`: the server answers DetectDominantLanguage too).
   */
  readonly endpoint: string;
  readonly port: number;
  /** Every TranslateText request received, in arrival order. */
  readonly requests: readonly LoggedRequest[];
  /** The text of every DetectDominantLanguage request, in arrival order. */
  readonly detections: readonly string[];
  /** Merges faults into the current plan (counters are replaced, not added). */
  inject(faults: FaultPlan): void;
  /** Clears the faults, the log and the counters. */
  reset(): void;
  stats(): TranslateServerStats;
  close(): Promise<void>;
}

/** The fake translation: `[es] ` (or `[es formal] `...) before every line, so line structure is visible. */
export function fakeTranslateLine(line: string, request: TranslateTextBody): string {
  const tags = [request.TargetLanguageCode];
  if (request.Settings?.Formality) tags.push(request.Settings.Formality.toLowerCase());
  if (request.Settings?.Profanity) tags.push('masked');
  return `[${tags.join(' ')}] ${line}`;
}

const FORMALITIES = new Set(['FORMAL', 'INFORMAL']);

export async function startTranslateProtocolServer(
  options: TranslateProtocolServerOptions = {},
): Promise<TranslateProtocolServer> {
  const maxTextBytes = options.maxTextBytes ?? TRANSLATE_MAX_TEXT_BYTES;
  const translateLine = options.translateLine ?? fakeTranslateLine;
  const terminologies = new Set(options.terminologies ?? []);
  const random = seededRandom(options.seed ?? 1);
  let plan: FaultPlan = { ...options.faults };
  let requests: LoggedRequest[] = [];
  let detections: string[] = [];
  const detectedFor = (text: string) =>
    typeof options.detectedLanguage === 'function'
      ? options.detectedLanguage(text)
      : (options.detectedLanguage ?? 'en');
  let inFlight = 0;
  let peakConcurrency = 0;
  const hung = new Set<ServerResponse>();

  const takeCounter = (
    name:
      | 'hangNext'
      | 'throttleNext'
      | 'serverErrorNext'
      | 'dropLineNext'
      | 'mergeLinesNext'
      | 'shiftLinesNext'
      | 'runawayNext',
  ) => {
    const left = plan[name] ?? 0;
    if (left <= 0) return false;
    plan[name] = left - 1;
    return true;
  };

  const answer = (
    request: TranslateTextBody,
    response: ServerResponse,
    entry: LoggedRequest,
    status: number,
    body: unknown,
  ) => {
    const json = JSON.stringify(body);
    const finish = () => {
      entry.finishedAt = Date.now();
      entry.status = status;
      inFlight -= 1;
      if (response.destroyed) return;
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': Buffer.byteLength(json),
        'x-amzn-requestid': randomUUID(),
      });
      response.end(json);
    };
    const latency =
      status !== 200 && options.errorLatencyMs !== undefined
        ? options.errorLatencyMs
        : typeof options.latencyMs === 'function'
          ? options.latencyMs(request)
          : (options.latencyMs ?? 0);
    if (latency > 0) setTimeout(finish, latency);
    else finish();
  };

  const fail = (
    request: TranslateTextBody,
    response: ServerResponse,
    entry: LoggedRequest,
    outcome: RequestOutcome,
    error: AwsJsonError,
  ) => {
    entry.outcome = outcome;
    entry.errorType = error.type;
    answer(request, response, entry, error.status, {
      __type: error.type,
      Message: error.message,
      ...error.fields,
    });
  };

  const handle = (request: TranslateTextBody, response: ServerResponse) => {
    const text = request.Text;
    const entry: LoggedRequest = {
      receivedAt: Date.now(),
      sourceLanguage: request.SourceLanguageCode,
      targetLanguage: request.TargetLanguageCode,
      characters: [...text].length,
      bytes: Buffer.byteLength(text, 'utf8'),
      lines: text.split('\n').length,
      text,
      ...(request.Settings ? { settings: request.Settings } : {}),
      ...(request.TerminologyNames ? { terminologyNames: request.TerminologyNames } : {}),
    };
    requests.push(entry);
    inFlight += 1;
    peakConcurrency = Math.max(peakConcurrency, inFlight);

    if (takeCounter('hangNext')) {
      entry.outcome = 'hung';
      hung.add(response);
      response.on('close', () => {
        if (hung.delete(response)) inFlight -= 1;
      });
      return;
    }
    const throttled = takeCounter('throttleNext') || random() < (plan.throttleFraction ?? 0);
    if (throttled) {
      const type = plan.throttleError ?? 'ThrottlingException';
      return fail(request, response, entry, 'throttled', {
        status: plan.throttleStatus ?? 429,
        type,
        message: 'Rate exceeded',
      });
    }
    if (takeCounter('serverErrorNext')) {
      const status = plan.serverErrorStatus ?? 500;
      const type = status === 503 ? 'ServiceUnavailableException' : 'InternalServerException';
      return fail(request, response, entry, 'server-error', {
        status,
        type,
        message: 'An internal error occurred.',
      });
    }
    const clientError = validate(request, maxTextBytes, terminologies, plan) ?? plan.custom?.(request);
    if (clientError) {
      const outcome =
        clientError.status >= 500
          ? 'server-error'
          : clientError.status === 429
            ? 'throttled'
            : 'client-error';
      return fail(request, response, entry, outcome, clientError);
    }

    let lines = text.split('\n').map((line) => (line.trim() === '' ? line : translateLine(line, request)));
    if (lines.length > 1 && takeCounter('dropLineNext')) lines = lines.slice(0, -1);
    if (lines.length > 1 && takeCounter('mergeLinesNext'))
      lines = [`${lines[0]} ${lines[1]}`, ...lines.slice(2)];
    if (lines.length > 1 && takeCounter('shiftLinesNext')) lines = ['', ...lines.slice(0, -1)];
    if (takeCounter('runawayNext')) lines = lines.map((line) => line.repeat(5000));
    entry.outcome = 'ok';
    answer(request, response, entry, 200, {
      TranslatedText: lines.join('\n'),
      SourceLanguageCode:
        request.SourceLanguageCode === 'auto' ? detectedFor(text) : request.SourceLanguageCode,
      TargetLanguageCode: request.TargetLanguageCode,
      ...(request.Settings ? { AppliedSettings: request.Settings } : {}),
      ...(request.TerminologyNames?.length
        ? { AppliedTerminologies: request.TerminologyNames.map((Name) => ({ Name, Terms: [] })) }
        : {}),
    });
  };

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const target = incoming.headers['x-amz-target'];
      const reply = (status: number, type: string, message: string) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: type, Message: message }));
      };
      const detection = target === DETECT_DOMINANT_LANGUAGE_TARGET;
      if (incoming.method !== 'POST' || (target !== TRANSLATE_TEXT_TARGET && !detection)) {
        return reply(400, 'UnknownOperationException', `Unsupported operation ${String(target)}`);
      }
      if (!incoming.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
        return reply(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      if (detection) {
        const { Text } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Text?: string };
        if (typeof Text !== 'string' || [...Text].length < 20 || Buffer.byteLength(Text) > 100_000) {
          return reply(400, 'InvalidRequestException', 'Text must be 20 characters to 100 KB.');
        }
        detections.push(Text);
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        return response.end(
          JSON.stringify({
            Languages: [{ LanguageCode: detectedFor(Text), Score: options.detectionScore ?? 0.99 }],
          }),
        );
      }
      let body: TranslateTextBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TranslateTextBody;
      } catch {
        return reply(400, 'SerializationException', 'The request body is not valid JSON.');
      }
      if (typeof body.Text !== 'string' || !body.SourceLanguageCode || !body.TargetLanguageCode) {
        return reply(
          400,
          'ValidationException',
          'Text, SourceLanguageCode and TargetLanguageCode are required.',
        );
      }
      handle(body, response);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests;
    },
    get detections() {
      return detections;
    },
    inject(faults) {
      plan = { ...plan, ...faults };
    },
    reset() {
      plan = {};
      requests = [];
      detections = [];
      peakConcurrency = inFlight;
    },
    stats() {
      const byLanguage: Record<string, { requests: number; characters: number }> = {};
      const outcomes: Record<RequestOutcome, number> = {
        ok: 0,
        throttled: 0,
        'server-error': 0,
        hung: 0,
        'client-error': 0,
      };
      let characters = 0;
      for (const entry of requests) {
        const language = byLanguage[entry.targetLanguage] ?? { requests: 0, characters: 0 };
        byLanguage[entry.targetLanguage] = language;
        language.requests += 1;
        if (entry.outcome) outcomes[entry.outcome] += 1;
        if (entry.outcome === 'ok') {
          language.characters += entry.characters;
          characters += entry.characters;
        }
      }
      return { requests: requests.length, characters, byLanguage, outcomes, peakConcurrency };
    },
    async close() {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function validate(
  request: TranslateTextBody,
  maxTextBytes: number,
  terminologies: ReadonlySet<string>,
  plan: FaultPlan,
): AwsJsonError | undefined {
  const bytes = Buffer.byteLength(request.Text, 'utf8');
  if (bytes > maxTextBytes) {
    return {
      status: 400,
      type: 'TextSizeLimitExceededException',
      message: `Input text size exceeds limit. Max length of request text allowed is ${maxTextBytes} bytes while in this request the text size is ${bytes} bytes`,
    };
  }
  if (request.Text.trim() === '') {
    return { status: 400, type: 'InvalidRequestException', message: 'The text to translate is empty.' };
  }
  if (plan.unsupportedTargets?.includes(request.TargetLanguageCode)) {
    return {
      status: 400,
      type: 'UnsupportedLanguagePairException',
      message: `Unsupported language pair: ${request.SourceLanguageCode} to ${request.TargetLanguageCode}`,
      fields: {
        SourceLanguageCode: request.SourceLanguageCode,
        TargetLanguageCode: request.TargetLanguageCode,
      },
    };
  }
  const formality = request.Settings?.Formality;
  if (formality !== undefined && !FORMALITIES.has(formality)) {
    return { status: 400, type: 'InvalidRequestException', message: `Formality ${formality} is not valid.` };
  }
  const profanity = request.Settings?.Profanity;
  if (profanity !== undefined && profanity !== 'MASK') {
    return { status: 400, type: 'InvalidRequestException', message: `Profanity ${profanity} is not valid.` };
  }
  // TranslateText applies one terminology per request (API reference, TerminologyNames); the service's own error
  // for more is not documented, so the stand-in answers as for any limit it sets.
  if ((request.TerminologyNames?.length ?? 0) > 1) {
    return {
      status: 400,
      type: 'LimitExceededException',
      message: 'You can use one custom terminology resource in your translation request.',
    };
  }
  for (const name of request.TerminologyNames ?? []) {
    if (!terminologies.has(name)) {
      return {
        status: 404,
        type: 'ResourceNotFoundException',
        message: `The terminology ${name} was not found.`,
      };
    }
  }
  return undefined;
}
