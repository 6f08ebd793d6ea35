import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGeminiServer, type FakeGeminiServer } from '../src/servers/index.js';

const KEY = 'AIzaSyFakeGeminiAnswers-01';
let server: FakeGeminiServer;

beforeAll(async () => {
  server = await startFakeGeminiServer({ apiKey: KEY });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const contents = [{ role: 'user', parts: [{ text: 'Hello there' }] }];
const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY, ...headers }, body: JSON.stringify(body) });
const generate = (body: unknown = { contents }, model = 'gemini-2.5-flash') => post(`/v1beta/models/${model}:generateContent`, body);
const stream = (body: unknown = { contents }, model = 'gemini-2.5-flash') => post(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, body);

/** The raw SSE body split into its events' JSON; fails on anything but `data: <one line>\r\n\r\n` events. */
async function sseEvents(response: Response): Promise<Array<Record<string, unknown>>> {
  const text = await response.text();
  expect(text.endsWith('\r\n\r\n')).toBe(true);
  const blocks = text.slice(0, -4).split('\r\n\r\n');
  for (const block of blocks) expect(block).toMatch(/^data: [^\r\n]+$/);
  return blocks.map((block) => JSON.parse(block.slice(6)) as Record<string, unknown>);
}

describe('generateContent', () => {
  it('answers the echo as a GenerateContentResponse, with usage, modelVersion and responseId', async () => {
    const response = await generate({ contents, systemInstruction: { parts: [{ text: 'Be brief' }] } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await response.json()).toEqual({
      candidates: [{ content: { parts: [{ text: 'Echo: Hello there' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 5, totalTokenCount: 10 },
      modelVersion: 'gemini-2.5-flash',
      responseId: expect.stringMatching(/^fakeGeminiResp\d{6}$/),
    });
  });

  it('sends scripted text, function calls (ids and signatures when given), finish reason, usage and ratings', async () => {
    server.script({
      kind: 'ok',
      text: 'Calling.',
      functionCalls: [{ name: 'a', args: { x: 1 } }, { name: 'b', id: 'fc-1', thoughtSignature: 'sig' }],
      finishReason: 'MAX_TOKENS',
      usage: { promptTokenCount: 10, candidatesTokenCount: 4, thoughtsTokenCount: 6, cachedContentTokenCount: 2 },
      modelVersion: 'gemini-2.5-flash-preview',
      responseId: null,
      safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'LOW' }],
    });
    expect(await (await generate()).json()).toEqual({
      candidates: [
        {
          content: { parts: [{ text: 'Calling.' }, { functionCall: { name: 'a', args: { x: 1 } } }, { functionCall: { id: 'fc-1', name: 'b', args: {} }, thoughtSignature: 'sig' }], role: 'model' },
          finishReason: 'MAX_TOKENS',
          index: 0,
          safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'LOW' }],
        },
      ],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 4, thoughtsTokenCount: 6, cachedContentTokenCount: 2, totalTokenCount: 20 },
      modelVersion: 'gemini-2.5-flash-preview',
    });
  });

  it('answers candidateCount candidates, and no usageMetadata when usage is null', async () => {
    server.script({ kind: 'ok', text: 'same', usage: null });
    const body = (await (await generate({ contents, generationConfig: { candidateCount: 3 } })).json()) as { candidates: Array<{ index: number }>; usageMetadata?: unknown };
    expect(body.candidates.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(body.usageMetadata).toBeUndefined();
  });

  it('records each request: method, path, rpc, model, version, query, headers, body', async () => {
    await generate();
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1beta/models/gemini-2.5-flash:generateContent', rpc: 'generateContent', model: 'gemini-2.5-flash', version: 'v1beta', stream: false, query: {}, body: { contents }, end: 'completed', chunksSent: 0 });
    expect(server.requests[0]?.headers['x-goog-api-key']).toBe(KEY);
  });
});

describe('streamGenerateContent', () => {
  it('sends one data event per piece (CRLF-delimited, no [DONE]), then the final event with finishReason and full usage', async () => {
    server.script({ kind: 'ok', chunks: ['One ', 'two'], usage: { promptTokenCount: 3, candidatesTokenCount: 2 } });
    const response = await stream();
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = await sseEvents(response);
    const id = events[0]?.['responseId'];
    expect(id).toMatch(/^fakeGeminiResp\d{6}$/);
    expect(events).toEqual([
      { candidates: [{ content: { parts: [{ text: 'One ' }], role: 'model' }, index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 }, modelVersion: 'gemini-2.5-flash', responseId: id },
      { candidates: [{ content: { parts: [{ text: 'two' }], role: 'model' }, index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 }, modelVersion: 'gemini-2.5-flash', responseId: id },
      { candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 }, modelVersion: 'gemini-2.5-flash', responseId: id },
    ]);
    expect(server.requests[0]).toMatchObject({ stream: true, rpc: 'streamGenerateContent', query: { alt: 'sse' }, chunksSent: 3, end: 'completed' });
  });

  it('sends every function call in one event after the text', async () => {
    server.script({ kind: 'ok', text: 'Hi', functionCalls: [{ name: 'a' }, { name: 'b', args: { y: true } }] });
    const events = await sseEvents(await stream());
    expect(events.map((e) => (e['candidates'] as Array<{ content: { parts: unknown[] } }>)[0]?.content.parts)).toEqual([
      [{ text: 'Hi' }],
      [{ functionCall: { name: 'a', args: {} } }, { functionCall: { name: 'b', args: { y: true } } }],
      [{ text: '' }],
    ]);
  });

  it('answers one JSON array of the events without alt=sse', async () => {
    server.script({ kind: 'ok', chunks: ['a', 'b'] });
    const response = await post('/v1beta/models/gemini-2.5-flash:streamGenerateContent', { contents });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as unknown[];
    expect(body).toHaveLength(3);
  });
});

describe('safety blocks', () => {
  it('prompt-blocked: promptFeedback with the blocked category and no candidates, JSON and SSE alike', async () => {
    server.script({ kind: 'prompt-blocked', category: 'HARM_CATEGORY_HATE_SPEECH' }, { kind: 'prompt-blocked', blockReason: 'PROHIBITED_CONTENT' }, { kind: 'prompt-blocked' });
    const json = (await (await generate()).json()) as Record<string, unknown>;
    expect(json['candidates']).toBeUndefined();
    expect(json['promptFeedback']).toEqual({
      blockReason: 'SAFETY',
      safetyRatings: [
        { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
        { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'HIGH', blocked: true },
        { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
        { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'NEGLIGIBLE' },
      ],
    });
    const other = (await (await generate()).json()) as { promptFeedback: { blockReason: string; safetyRatings: Array<{ blocked?: boolean }> } };
    expect(other.promptFeedback.blockReason).toBe('PROHIBITED_CONTENT');
    expect(other.promptFeedback.safetyRatings.some((r) => r.blocked)).toBe(false);
    const events = await sseEvents(await stream());
    expect(events).toHaveLength(1);
    expect(events[0]?.['promptFeedback']).toMatchObject({ blockReason: 'SAFETY' });
  });

  it('candidate-blocked: finishReason SAFETY without content; with afterChunks, the text so far first', async () => {
    server.script({ kind: 'candidate-blocked' }, { kind: 'candidate-blocked', chunks: ['a ', 'b ', 'c'], afterChunks: 2, category: 'HARM_CATEGORY_HARASSMENT' }, { kind: 'candidate-blocked', chunks: ['a ', 'b'], afterChunks: 1 });
    const withheld = (await (await generate()).json()) as { candidates: Array<Record<string, unknown>> };
    expect(withheld.candidates[0]).toMatchObject({ finishReason: 'SAFETY', index: 0 });
    expect(withheld.candidates[0]?.['content']).toBeUndefined();
    expect(withheld.candidates[0]?.['safetyRatings']).toContainEqual({ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true });
    const partial = (await (await generate()).json()) as { candidates: Array<{ content: { parts: unknown[] }; finishReason: string }> };
    expect(partial.candidates[0]?.content.parts).toEqual([{ text: 'a b ' }]);
    expect(partial.candidates[0]?.finishReason).toBe('SAFETY');
    const events = await sseEvents(await stream());
    expect(events.map((e) => (e['candidates'] as Array<Record<string, unknown>>)[0])).toEqual([
      { content: { parts: [{ text: 'a ' }], role: 'model' }, index: 0 },
      expect.objectContaining({ finishReason: 'SAFETY', index: 0 }),
    ]);
  });
});

describe('embeddings, models, countTokens', () => {
  it('embedContent: one deterministic vector, 8 dimensions unless outputDimensionality says', async () => {
    const first = (await (await post('/v1beta/models/gemini-embedding-001:embedContent', { content: { parts: [{ text: 'hi' }] } })).json()) as { embedding: { values: number[] } };
    const again = (await (await post('/v1beta/models/gemini-embedding-001:embedContent', { content: { parts: [{ text: 'hi' }] }, outputDimensionality: 3 })).json()) as { embedding: { values: number[] } };
    expect(first.embedding.values).toHaveLength(8);
    expect(again.embedding.values).toHaveLength(3);
  });

  it('batchEmbedContents: one vector per request; the model must be the URL’s', async () => {
    const ok = await post('/v1beta/models/text-embedding-004:batchEmbedContents', { requests: ['a', 'b'].map((text) => ({ model: 'models/text-embedding-004', content: { parts: [{ text }] } })) });
    expect(((await ok.json()) as { embeddings: unknown[] }).embeddings).toHaveLength(2);
    const mismatch = await post('/v1beta/models/text-embedding-004:batchEmbedContents', { requests: [{ model: 'models/other', content: { parts: [{ text: 'a' }] } }] });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    const empty = await post('/v1beta/models/text-embedding-004:embedContent', { content: { parts: [] } });
    expect(empty.status).toBe(400);
  });

  it('lists models and gets one', async () => {
    const get = (path: string) => fetch(`${server.url}${path}`, { headers: { 'x-goog-api-key': KEY } });
    const list = (await (await get('/v1beta/models')).json()) as { models: Array<{ name: string; supportedGenerationMethods: string[] }> };
    expect(list.models.map((m) => m.name)).toEqual(['models/gemini-2.5-flash', 'models/gemini-2.5-pro', 'models/gemini-2.0-flash', 'models/gemini-embedding-001', 'models/text-embedding-004']);
    expect(list.models[0]?.supportedGenerationMethods).toContain('generateContent');
    expect(await (await get('/v1beta/models/gemini-2.5-pro')).json()).toMatchObject({ name: 'models/gemini-2.5-pro', inputTokenLimit: 1_048_576 });
  });

  it('counts tokens', async () => {
    expect(await (await post('/v1beta/models/gemini-2.5-flash:countTokens', { contents })).json()).toMatchObject({ totalTokens: expect.any(Number) });
  });
});

describe('scripting', () => {
  it('takes per-model steps first, then shared ones, then the default script', async () => {
    server.script({ kind: 'ok', text: 'shared' });
    server.scriptFor('gemini-2.5-pro', { kind: 'ok', text: 'pro only' });
    const texts = [];
    for (const model of ['gemini-2.5-pro', 'gemini-2.5-pro', 'gemini-2.5-flash']) {
      const body = (await (await generate({ contents }, model)).json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> };
      texts.push(body.candidates[0]?.content.parts[0]?.text);
    }
    expect(texts).toEqual(['pro only', 'shared', 'Echo: Hello there']);
  });

  it('accepts a default script function of the request, and waits for requests', async () => {
    const scripted = await startFakeGeminiServer({ defaultScript: (request) => ({ kind: 'ok', text: `for ${request.model ?? '?'}` }) });
    try {
      const waiting = scripted.waitForRequests(1);
      const response = await fetch(`${scripted.url}/v1beta/models/gemini-2.0-flash:generateContent`, { method: 'POST', body: JSON.stringify({ contents }) });
      expect(((await response.json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> }).candidates[0]?.content.parts[0]?.text).toBe('for gemini-2.0-flash');
      expect((await waiting).model).toBe('gemini-2.0-flash');
    } finally {
      await scripted.close();
    }
  });
});
