import { ManualClock, type RequestRoutedEvent } from '@modelmesh/core';
import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, postJson, readSse, sseReader, startFixture, whenEvent, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const contentOf = (text: string) => (JSON.parse(text) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content;

describe('streaming chat completions (SSE)', () => {
  it('sends each chunk as it arrives, before the provider has produced the next one', async () => {
    const clock = new ManualClock();
    fixture = await startFixture({ clock, script: { type: 'ok', chunks: ['one ', 'two ', 'three'], chunkLatency: 100 } });
    const mesh = fixture.mesh;
    const routed = whenEvent<RequestRoutedEvent>((h) => mesh.on('request.routed', h));
    const pending = postJson(`${fixture.baseURL}/chat/completions`, chatBody({ stream: true }));
    await routed;
    await clock.advance(100);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-modelmesh-model')).toBe('gpt-test');
    expect(response.headers.get('x-modelmesh-provider')).toBe('primary');
    expect(response.headers.get('x-modelmesh-attempts')).toBe('1');
    const events = sseReader(response);
    expect(contentOf((await events.next())?.text ?? '') ?? '').toBe(''); // the role chunk
    expect(contentOf((await events.next())?.text ?? '')).toBe('one ');
    // 'two ' does not exist yet: the provider waits for the clock. The client already has 'one '.
    expect(fixture.primary.provider.calls[0].status).toBe('pending');
    await clock.advance(100);
    expect(contentOf((await events.next())?.text ?? '')).toBe('two ');
    await clock.advance(100);
    expect(contentOf((await events.next())?.text ?? '')).toBe('three');
    await clock.advance(100);
    const finish = JSON.parse((await events.next())?.text ?? '{}') as { choices: Array<{ finish_reason: string }> };
    expect(finish.choices[0]?.finish_reason).toBe('stop');
    const summary = await events.next();
    expect(summary?.kind).toBe('comment');
    expect((await events.next())?.text).toBe('[DONE]');
    expect(await events.next()).toBeUndefined();
  });

  it('ends with a summary comment carrying cost and usage, then [DONE]; no usage chunk unless asked for', async () => {
    fixture = await startFixture({ script: { type: 'ok', content: 'a b c', promptTokens: 1000, completionTokens: 1000 } });
    const events = await readSse(await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ stream: true })));
    expect(events.at(-1)).toEqual({ kind: 'data', text: '[DONE]' });
    const comment = events.at(-2);
    expect(comment?.kind).toBe('comment');
    const summary = JSON.parse(comment?.text.replace(/^modelmesh /, '') ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ model: 'gpt-test', provider: 'primary', attempts: 1, cost: 0.003, usage: { prompt_tokens: 1000, completion_tokens: 1000 } });
    const chunks = events.filter((e) => e.kind === 'data' && e.text !== '[DONE]').map((e) => JSON.parse(e.text) as { choices: unknown[] });
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
  });

  it('forwards the usage chunk when the client asks for it with stream_options.include_usage', async () => {
    fixture = await startFixture({ script: { type: 'ok', content: 'a b', tokens: 30 } });
    const events = await readSse(await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ stream: true, stream_options: { include_usage: true } })));
    const usageChunk = events
      .filter((e) => e.kind === 'data' && e.text !== '[DONE]')
      .map((e) => JSON.parse(e.text) as { choices: unknown[]; usage?: { total_tokens: number } })
      .find((chunk) => chunk.choices.length === 0);
    expect(usageChunk?.usage?.total_tokens).toBe(30);
  });

  it('ends a stream that breaks after it started with an OpenAI-style error event and no [DONE]', async () => {
    fixture = await startFixture({ script: { type: 'stream-cut', chunks: ['partial ', 'answer'], afterChunks: 1 } });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ stream: true }));
    expect(response.status).toBe(200);
    const events = await readSse(response);
    expect(events.some((e) => e.kind === 'data' && e.text !== '[DONE]' && contentOf(e.text) === 'partial ')).toBe(true);
    const last = events.at(-1);
    const error = (JSON.parse(last?.text ?? '{}') as { error?: { type: string; code: string; message: string } }).error;
    expect(error).toMatchObject({ type: 'server_error', code: 'stream_interrupted' });
    expect(events.some((e) => e.text === '[DONE]')).toBe(false);
  });

  it('fails over before the first chunk, so a stream that fails early is an ordinary answer from the next attempt', async () => {
    fixture = await startFixture({ script: [{ type: 'error-before-content' }, { type: 'ok', content: 'recovered' }] });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ stream: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-modelmesh-attempts')).toBe('2');
    const events = await readSse(response);
    expect(events.map((e) => (e.kind === 'data' && e.text !== '[DONE]' ? contentOf(e.text) ?? '' : '')).join('')).toBe('recovered');
  });

  it('answers an HTTP error status when the stream fails before it starts', async () => {
    fixture = await startFixture({ script: { type: 'http', status: 503 }, config: { pools: { chat: { capability: 'chat-completion', retry: { backoff: 'none', max_attempts: 2 } } } } });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ stream: true }));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-modelmesh-attempts')).toBe('2');
  });
});
