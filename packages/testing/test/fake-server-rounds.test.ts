import { afterAll, describe, expect, it } from 'vitest';
import { FAKE_ROUND_HEADER } from '../src/servers/fake-round.js';
import { startFakeOpenAIServer } from '../src/servers/index.js';

const server = await startFakeOpenAIServer();
afterAll(() => server.close());

const chat = (headers: Record<string, string>) =>
  fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('fake server rounds', () => {
  it('a request from an earlier round is refused without taking the current step', async () => {
    const stale = String(server.round);
    server.reset();
    server.script({ kind: 'status', status: 503 });
    const refused = await chat({ [FAKE_ROUND_HEADER]: stale });
    expect(refused.status).toBe(409);
    expect(server.requests).toHaveLength(0);
    const current = await chat({ [FAKE_ROUND_HEADER]: String(server.round) });
    expect(current.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('requests without the header are not affected', async () => {
    server.reset();
    expect((await chat({})).status).toBe(200);
  });
});
