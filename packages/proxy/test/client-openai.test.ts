import OpenAI, { APIError, AuthenticationError, BadRequestError, InternalServerError, NotFoundError, PermissionDeniedError, RateLimitError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const KEYS = { auth: { keys: [{ name: 'app', key: 'sk-app' }, { name: 'limited', key: 'sk-limited', pools: ['embed'], rpm: 1 }] } };
const client = (f: Fixture, apiKey = 'sk-app') => new OpenAI({ baseURL: f.baseURL, apiKey, maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'Say hello' }];

describe('the official openai client', () => {
  it('creates chat completions and reads the ModelMesh headers', async () => {
    fixture = await startFixture({ script: { type: 'ok', content: 'Hello from the mesh' }, config: { proxy: KEYS } });
    const { data, response } = await client(fixture).chat.completions.create({ model: 'chat', messages }).withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from the mesh');
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-modelmesh-model')).toBe('gpt-test');
    expect(response.headers.get('x-modelmesh-provider')).toBe('primary');
  });

  it('streams chat completions', async () => {
    fixture = await startFixture({ script: { type: 'ok', chunks: ['Hel', 'lo', '!'] }, config: { proxy: KEYS } });
    const stream = await client(fixture).chat.completions.create({ model: 'chat', messages, stream: true });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('Hello!');
    expect(finish).toBe('stop');
  });

  it('streams with include_usage, ending with the usage chunk', async () => {
    fixture = await startFixture({ script: { type: 'ok', content: 'counted', tokens: 12 }, config: { proxy: KEYS } });
    const stream = await client(fixture).chat.completions.create({ model: 'chat', messages, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(12);
  });

  it('creates embeddings, decoding the base64 it asks for by default', async () => {
    fixture = await startFixture({ config: { proxy: KEYS } });
    const openai = client(fixture);
    const asBase64 = await openai.embeddings.create({ model: 'embed', input: ['alpha', 'beta'] });
    const asFloats = await openai.embeddings.create({ model: 'embed', input: ['alpha', 'beta'], encoding_format: 'float' });
    expect(asBase64.data).toHaveLength(2);
    const decoded = asBase64.data[0]?.embedding ?? [];
    const floats = asFloats.data[0]?.embedding ?? [];
    expect(decoded.length).toBe(floats.length);
    expect(decoded.length).toBeGreaterThan(0);
    decoded.forEach((value, i) => expect(value).toBeCloseTo(floats[i] ?? NaN, 6));
  });

  it('lists the pools as models', async () => {
    fixture = await startFixture({ config: { proxy: KEYS } });
    const ids = [];
    for await (const model of client(fixture).models.list()) ids.push(model.id);
    expect(ids).toEqual(['chat', 'embed']);
    expect((await client(fixture).models.retrieve('chat')).owned_by).toBe('modelmesh');
  });

  it('raises its typed errors: 400, 401, 403, 404, 429 and 5xx', async () => {
    fixture = await startFixture({
      script: { type: 'http', status: 500 },
      config: { proxy: KEYS, pools: { chat: { capability: 'chat-completion', retry: { backoff: 'none', max_attempts: 1 } }, embed: { capability: 'text-embeddings' } } },
    });
    const openai = client(fixture);
    await expect(openai.chat.completions.create({ model: 'chat', messages: [] })).rejects.toBeInstanceOf(BadRequestError);
    await expect(client(fixture, 'sk-wrong').chat.completions.create({ model: 'chat', messages })).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client(fixture, 'sk-limited').chat.completions.create({ model: 'chat', messages })).rejects.toBeInstanceOf(PermissionDeniedError);
    const notFound = await openai.chat.completions.create({ model: 'no-such-model', messages }).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).code).toBe('model_not_found');
    await expect(client(fixture, 'sk-limited').embeddings.create({ model: 'embed', input: 'x' })).rejects.toBeInstanceOf(RateLimitError);
    const upstream = await openai.chat.completions.create({ model: 'chat', messages }).catch((e: unknown) => e);
    expect(upstream).toBeInstanceOf(InternalServerError);
    expect((upstream as InternalServerError).status).toBe(502);
    expect((upstream as InternalServerError).headers?.get('x-modelmesh-attempts')).toBe('1');
  });

  it('raises an APIError when a stream breaks after it started', async () => {
    fixture = await startFixture({ script: { type: 'stream-cut', chunks: ['half ', 'done'], afterChunks: 1 }, config: { proxy: KEYS } });
    const stream = await client(fixture).chat.completions.create({ model: 'chat', messages, stream: true });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(text).toBe('half ');
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe('stream_interrupted');
  });
});
