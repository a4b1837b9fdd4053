import { redactCredentials } from '../../errors.js';
import type { SiteModel } from '../../model/site-model.js';
import { enumLabels } from '../../model/entity-facts.js';
import { StreamingSink } from '../delivery/streaming-sink.js';
import type { ChunkEncoder } from '../delivery/streaming-sink.js';
import { PointTemplate } from '../delivery/topic-template.js';
import { messageBody } from '../delivery/transport.js';
import type { Delivery, SendResult, Transport } from '../delivery/transport.js';
import { httpEncoder } from './http-encoder.js';
import { parseHttpOptions } from './http-options.js';
import type { HttpOptions, HttpOptionsInput } from './http-options.js';

/** A non-2xx answer; 408, 429 and 5xx are worth retrying, other 4xx are not. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    statusText: string,
    url: string,
  ) {
    super(`HTTP ${status}${statusText ? ` ${statusText}` : ''} from POST ${redactCredentials(url)}`);
    this.name = 'HttpStatusError';
  }
}

/**
 * POSTs readings as JSON (`--http URL`) with Node's built-in fetch: one object
 * per request, or arrays of `batchSize`. Queueing, retries, overflow policy and
 * statistics are the shared delivery queue's (see StreamingSink).
 */
export class HttpSink extends StreamingSink {
  readonly name = 'http';
  private readonly options: HttpOptions;
  private readonly template: PointTemplate;
  private readonly headers: Record<string, string>;

  constructor(input: HttpOptionsInput) {
    const options = parseHttpOptions(input);
    super(options, options.concurrency, { onEvent: input.onEvent, random: input.random });
    this.options = options;
    // fetch refuses URLs with credentials: move user:password@ into a Basic auth header
    const url = new URL(options.url);
    const basic = url.username
      ? Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')
      : undefined;
    url.username = url.password = '';
    this.template = new PointTemplate(`${url.toString().replace(/\/$/, '')}${options.path}`, 'http.path', encodeURIComponent);
    this.headers = { 'content-type': 'application/json', ...options.headers };
    const auth = options.auth ?? (basic && `Basic ${basic}`);
    if (auth) this.headers.authorization = auth;
  }

  protected get target(): string {
    return redactCredentials(`${this.options.url}${this.options.path}`);
  }

  protected async connect(): Promise<Transport> {
    return { send: (item, from) => this.post(item, from) };
  }

  protected async disconnect(): Promise<void> {}

  protected createEncoder(model: SiteModel): ChunkEncoder {
    const { batchSize, concurrency } = this.options;
    return httpEncoder(model.points, enumLabels(model.entities), (p) => this.template.expand(p), batchSize, concurrency);
  }

  private async post(item: Delivery, from: number): Promise<SendResult> {
    const url = item.targets[from];
    const count = item.targets.length - from;
    const body = this.options.batchSize > 1 ? jsonArray(item, from) : messageBody(item, from);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: this.headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer(); // read to the end so the connection is reused
      if (response.ok) return { delivered: count };
      const s = response.status;
      return { delivered: 0, error: new HttpStatusError(s, response.statusText, url), retryable: s === 408 || s === 429 || s >= 500 };
    } catch (error) {
      return { delivered: 0, error, retryable: true };
    }
  }
}

/** `[message from, …, last message]` as one request body: one allocation, the payload bytes copied once. */
function jsonArray(item: Delivery, from: number): Buffer {
  const { payload, ends } = item;
  const start = from === 0 ? 0 : ends[from - 1]!;
  // the messages' bytes, a comma between each two, and the brackets
  const body = Buffer.allocUnsafe(payload.length - start + ends.length - from + 1);
  body[0] = 0x5b; // [
  let o = 1;
  for (let i = from; i < ends.length; i++) {
    if (i > from) body[o++] = 0x2c; // ,
    o += payload.copy(body, o, i === 0 ? 0 : ends[i - 1]!, ends[i]!);
  }
  body[o] = 0x5d; // ]
  return body;
}
