import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, postJson, startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('POST /v1/chat/completions', () => {
  it('answers with the completion and says which model and provider answered, after how many attempts, at what cost', async () => {
    fixture = await startFixture({ script: { type: 'ok', content: 'Hi back', promptTokens: 1000, completionTokens: 500 } });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; choices: Array<{ message: { content: string } }> };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.message.content).toBe('Hi back');
    expect(response.headers.get('x-modelmesh-model')).toBe('gpt-test');
    expect(response.headers.get('x-modelmesh-provider')).toBe('primary');
    expect(response.headers.get('x-modelmesh-pool')).toBe('chat');
    expect(response.headers.get('x-modelmesh-attempts')).toBe('1');
    // 1000 prompt tokens at $1/M plus 500 completion tokens at $2/M
    expect(response.headers.get('x-modelmesh-cost')).toBe('0.002');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('counts the attempts of a request that failed over', async () => {
    fixture = await startFixture({ script: [{ type: 'http', status: 500 }, { type: 'ok', content: 'second try' }] });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(response.status).toBe(200);
    expect(response.headers.get('x-modelmesh-attempts')).toBe('2');
    expect(fixture.primary.provider.calls.map((c) => c.status)).toEqual(['failed', 'ok']);
  });

  it('passes parameters through to the provider and routes capability names as models', async () => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'chat-completion', temperature: 0.2, user: 'u-1' }));
    expect(response.status).toBe(200);
    const call = fixture.primary.provider.calls[0];
    expect(call.model).toBe('gpt-test');
    expect(call.params).toMatchObject({ temperature: 0.2, user: 'u-1' });
  });

  it('answers 400 with the offending parameter', async () => {
    fixture = await startFixture();
    const missing = await postJson(`${fixture.baseURL}/chat/completions`, { messages: [{ role: 'user', content: 'x' }] });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: 'model', code: 'missing_required_parameter' } });

    const badRole = await postJson(`${fixture.baseURL}/chat/completions`, { model: 'chat', messages: [{ role: 'wizard', content: 'x' }] });
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as { error: { param: string } }).error.param).toBe('messages[0].role');
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    fixture = await startFixture();
    for (const body of ['{"model": "chat", ', '[1, 2]', '']) {
      const response = await fetch(`${fixture.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    }
  });

  it('answers 404 model_not_found for a model no pool or capability has', async () => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'gpt-99' }));
    expect(response.status).toBe(404);
    const { error } = (await response.json()) as { error: { type: string; param: string; code: string; message: string } };
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
    expect(error.message).toContain('gpt-99');
  });

  it('answers 404 for unknown paths and 405 for the wrong method, in the OpenAI error shape', async () => {
    fixture = await startFixture();
    const unknown = await fetch(`${fixture.baseURL}/completions/legacy`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_url');
    const wrongMethod = await fetch(`${fixture.baseURL}/chat/completions`);
    expect(wrongMethod.status).toBe(405);
  });
});
