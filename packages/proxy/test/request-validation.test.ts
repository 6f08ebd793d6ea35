import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, postJson, startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** `levels` arrays nested in one another. */
function nested(levels: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

describe('JSON nesting depth', () => {
  it('a body nested 10,000 arrays deep is a 400 before any provider is called, and the model stays healthy', async () => {
    fixture = await startFixture();
    // Written by hand: JSON.stringify itself overflows its stack on this.
    const deep = `{"model":"chat","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}`;
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${fixture.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'json_too_deep' });
      expect(body.error.message).toMatch(/nested more than 64 levels/);
    }
    expect(fixture.primary.provider.calls).toHaveLength(0);
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody())).status).toBe(200);
  });

  it('64 levels are accepted and 65 are not (the body object is level 1)', async () => {
    fixture = await startFixture();
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ extra: nested(63) }))).status).toBe(200);
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ extra: nested(64) }))).status).toBe(400);
  });
});
