import { Buffer } from 'node:buffer';
import { baseHeaders, destroyConnection, pause, sendBody, type FakeExchange } from './fake-exchange.js';
import type { FakeStep } from './fake-step.js';
import { openAIErrorBody } from './openai-error-bodies.js';

/** The steps that carry an answer (all but the plain failures). */
export type FakeAnswerStep = Extract<FakeStep, { kind: 'ok' | 'slow-first-token' | 'cut' | 'stall' | 'malformed-chunk' | 'missing-done' | 'stream-error' }>;

/** Starts a JSON response whose body never fully arrives: the headers promise the whole length, half is sent. */
function sendHalf(exchange: FakeExchange, text: string, headers: Readonly<Record<string, string>>): void {
  const bytes = Buffer.from(text);
  exchange.res.writeHead(200, { 'content-type': 'application/json', ...baseHeaders(exchange), ...headers, 'content-length': String(bytes.length) });
  exchange.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
}

/**
 * Plays an answer step for a non-streaming request (chat JSON, embeddings, models). Stream
 * failures get their JSON counterparts: a cut or stalled body, a malformed body, a 500.
 */
export async function playJson(exchange: FakeExchange, step: FakeAnswerStep, body: unknown, headers: Readonly<Record<string, string>>): Promise<void> {
  const text = JSON.stringify(body);
  switch (step.kind) {
    case 'ok':
    case 'missing-done':
      sendBody(exchange, 200, text, headers);
      return;
    case 'slow-first-token': {
      exchange.res.writeHead(200, { 'content-type': 'application/json', ...baseHeaders(exchange), ...headers });
      exchange.res.flushHeaders();
      if (await pause(exchange, step.delayMs)) exchange.res.end(text);
      return;
    }
    case 'cut':
      sendHalf(exchange, text, headers);
      destroyConnection(exchange, 'close');
      return;
    case 'stall':
      sendHalf(exchange, text, headers);
      return;
    case 'malformed-chunk':
      sendBody(exchange, 200, text.slice(0, Math.floor(text.length / 2)), headers);
      return;
    case 'stream-error': {
      const error = step.error ?? { message: 'The server had an error while processing your request.', type: 'server_error' };
      sendBody(exchange, 500, openAIErrorBody(error.message, error.type ?? null, error.code ?? null, error.param ?? null));
      return;
    }
  }
}
