import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { ManualClock } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from '../src/http/read-json-body.js';
import { HttpFailureError } from '../src/http/openai-error.js';

const IDLE_MS = 1_000;

/** A request body the test feeds piece by piece. */
function body(): IncomingMessage & EventEmitter {
  const req = new EventEmitter() as IncomingMessage & EventEmitter;
  Object.assign(req, { headers: {}, resume: () => req });
  return req;
}

describe('readJsonBody', () => {
  it('keeps reading while pieces come within the idle limit, however long the whole takes', async () => {
    const clock = new ManualClock();
    const req = body();
    const reading = readJsonBody(req, { maxBytes: 1_000, idleTimeoutMs: IDLE_MS, clock });
    const text = '{"model":"chat"}';
    for (const char of text) {
      await clock.advance(IDLE_MS * 0.6);
      req.emit('data', Buffer.from(char));
    }
    req.emit('end');
    await expect(reading).resolves.toEqual({ model: 'chat' });
  });

  it('answers 408 once no piece came for the idle limit', async () => {
    const clock = new ManualClock();
    const req = body();
    const reading = readJsonBody(req, { maxBytes: 1_000, idleTimeoutMs: IDLE_MS, clock });
    const failed = expect(reading).rejects.toSatisfy((error) => error instanceof HttpFailureError && error.failure.status === 408);
    await clock.advance(IDLE_MS * 0.6);
    req.emit('data', Buffer.from('{"mo'));
    await clock.advance(IDLE_MS * 0.9);
    let settled = false;
    void reading.catch(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await clock.advance(IDLE_MS * 0.2);
    await failed;
  });
});
