import type { IncomingMessage } from 'node:http';
import type { Clock } from '@modelmesh/core';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
import { httpFailure, HttpFailureError } from './openai-error.js';

/** Limits applied while a body is read. */
export interface BodyLimits {
  /** Largest body in bytes. */
  readonly maxBytes: number;
  /** Longest pause between two pieces of the body, in ms. */
  readonly idleTimeoutMs: number;
  /** Clock of the idle timer. */
  readonly clock: Clock;
}

/** The client went away before its body arrived: nothing can be answered. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection');
    this.name = 'ClientGoneError';
  }
}

const tooLarge = (limit: number) =>
  new HttpFailureError(
    httpFailure(413, `Request body too large: the limit is ${limit} bytes`, 'invalid_request_error', { code: 'request_too_large', headers: { connection: 'close' } }),
  );

/**
 * Reads and parses a JSON body (an object nested at most {@link MAX_JSON_DEPTH} deep). Bytes are counted as they arrive, so an oversized body is
 * refused (413) on its `Content-Length` or at the first byte past the limit, never
 * buffered whole; a body that stalls for `idleTimeoutMs` gets 408 (the slow-body guard
 * that Node's overall `requestTimeout` is too coarse for).
 */
export function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    req.resume();
    return Promise.reject(tooLarge(limits.maxBytes));
  }
  return new Promise<unknown>((resolve, reject) => {
    const { clock, idleTimeoutMs } = limits;
    const chunks: Buffer[] = [];
    let size = 0;
    // One timer per body, not one per piece: a piece only notes when it came, and the timer,
    // when it fires early, waits the rest (a new timer per piece cost ~0.3 KB per request).
    let lastPieceAt = clock.now();
    let timer: unknown;
    const expire = () => {
      const left = lastPieceAt + idleTimeoutMs - clock.now();
      if (left > 0) {
        timer = clock.setTimeout(expire, left);
        return;
      }
      timer = undefined;
      finish();
      reject(new HttpFailureError(httpFailure(408, 'The request body stalled', 'invalid_request_error', { code: 'request_timeout', headers: { connection: 'close' } })));
    };
    const finish = () => {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      req.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        finish();
        // Keep reading and dropping the rest, so the 413 reaches a client still sending.
        req.resume();
        reject(tooLarge(limits.maxBytes));
        return;
      }
      chunks.push(chunk);
      lastPieceAt = clock.now();
    };
    const onEnd = () => {
      finish();
      try {
        // Most bodies come in one piece: parsed where it is, not copied.
        resolve(parseJson(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
      } catch (error) {
        reject(error);
      }
    };
    const onClose = () => {
      finish();
      reject(new ClientGoneError());
    };
    req.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose);
    timer = clock.setTimeout(expire, idleTimeoutMs);
  });
}

function parseJson(bytes: Buffer): unknown {
  const invalid = () =>
    new HttpFailureError(
      httpFailure(400, 'We could not parse the JSON body of your request. The body must be a JSON object.', 'invalid_request_error', { code: 'invalid_json' }),
    );
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  if (exceedsJsonDepth(value)) {
    throw new HttpFailureError(
      httpFailure(400, `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`, 'invalid_request_error', { code: 'json_too_deep' }),
    );
  }
  return value;
}
