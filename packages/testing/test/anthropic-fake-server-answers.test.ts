import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../src/servers/index.js';

let server: FakeAnthropicServer;

beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const HEADERS = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
const body = (extra: Record<string, unknown> = {}) => ({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi there' }], ...extra });
const post = (extra: Record<string, unknown> = {}) => fetch(`${server.url}/v1/messages`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body(extra)) });

/** Parses a named-event SSE body into `[event, data]` pairs. */
async function readEvents(response: Response): Promise<Array<[string, unknown]>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return [event, JSON.parse(data) as unknown];
    });
}

describe('JSON answers', () => {
  it('answers a Message echoing the last user text, with usage and rate-limit headers', async () => {
    const response = await post({ system: 'Be brief.' });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_fake/);
    expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('4000');
    expect(Date.parse(response.headers.get('anthropic-ratelimit-tokens-reset') ?? '')).toBeGreaterThan(Date.now());
    expect(await response.json()).toEqual({
      id: expect.stringMatching(/^msg_fake\d{6}$/),
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [{ type: 'text', text: 'Echo: hi there' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 5, // 'Be brief.\nhi there': about 4 characters a token
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 4,
        service_tier: 'standard',
      },
    });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/messages', model: 'claude-haiku-4-5', stream: false, end: 'completed', step: { kind: 'ok' } });
  });

  it('answers scripted text, tool uses, stop reasons, usage with cache tokens and the model', async () => {
    server.script(
      { kind: 'ok', content: 'Let me check.', toolUses: [{ id: 'toolu_x', name: 'get_weather', input: { city: 'Paris' } }], usage: { input_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 7, output_tokens: 9 }, model: 'claude-haiku-4-5-20251001' },
      { kind: 'ok', stopReason: 'stop_sequence' },
      { kind: 'ok', content: null, toolUses: [{ name: 'f', input: '{"raw":true}' }] },
    );
    const first = (await (await post()).json()) as Record<string, unknown>;
    expect(first).toMatchObject({
      model: 'claude-haiku-4-5-20251001',
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_x', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 7, output_tokens: 9 },
    });
    expect(await (await post({ stop_sequences: ['END'] })).json()).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'END' });
    expect(await (await post()).json()).toMatchObject({ content: [{ type: 'tool_use', id: expect.stringMatching(/^toolu_fake\d+_0$/), name: 'f', input: { raw: true } }] });
  });

  it('takes steps from the model queue first, then the shared queue, then defaultScript', async () => {
    const custom = await startFakeAnthropicServer({ defaultScript: (request) => ({ kind: 'ok', content: `default for ${request.model ?? '?'}` }) });
    try {
      custom.script({ kind: 'ok', content: 'shared' });
      custom.scriptFor('claude-opus-4-6', { kind: 'ok', content: 'opus only' });
      const ask = async (model: string) => {
        const response = await fetch(`${custom.url}/v1/messages`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body({ model })) });
        return ((await response.json()) as { content: Array<{ text: string }> }).content[0]?.text;
      };
      expect([await ask('claude-haiku-4-5'), await ask('claude-opus-4-6'), await ask('claude-opus-4-6')]).toEqual(['shared', 'opus only', 'default for claude-opus-4-6']);
    } finally {
      await custom.close();
    }
  });

  it('lists models and describes one', async () => {
    const list = (await (await fetch(`${server.url}/v1/models`, { headers: HEADERS })).json()) as { data: Array<{ id: string; type: string }>; has_more: boolean };
    expect(list.data.map((m) => m.id)).toEqual(['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-5']);
    expect(list).toMatchObject({ has_more: false, first_id: 'claude-sonnet-4-5', last_id: 'claude-opus-4-5' });
    expect(await (await fetch(`${server.url}/v1/models/claude-opus-4-5`, { headers: HEADERS })).json()).toMatchObject({ type: 'model', id: 'claude-opus-4-5' });
  });
});

describe('streamed answers', () => {
  it('sends named events in the documented order, with a ping and cumulative usage', async () => {
    server.script({ kind: 'ok', chunks: ['Hel', 'lo'], usage: { input_tokens: 3, output_tokens: 2, cache_read_input_tokens: 1 } });
    const response = await post({ stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    expect(events.map(([name]) => name)).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    for (const [name, data] of events) expect((data as { type: string }).type).toBe(name);
    expect(events[0]?.[1]).toMatchObject({ message: { id: expect.stringMatching(/^msg_fake/), role: 'assistant', content: [], stop_reason: null, usage: { input_tokens: 3, cache_read_input_tokens: 1, output_tokens: 1 } } });
    expect(events.slice(3, 5).map(([, data]) => (data as { delta: { text: string } }).delta.text)).toEqual(['Hel', 'lo']);
    expect(events[6]?.[1]).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } });
    expect(server.requests[0]).toMatchObject({ stream: true, chunksSent: 8, end: 'completed' });
  });

  it('streams each tool use as content_block_start, an empty input_json_delta, then its input in pieces', async () => {
    server.script({ kind: 'ok', toolUses: [{ name: 'get_weather', input: { city: 'Paris', days: [1, 2] } }] });
    const events = await readEvents(await post({ stream: true }));
    expect(events.map(([name]) => name)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[1]?.[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: expect.stringMatching(/^toolu_fake\d+_0$/), name: 'get_weather', input: {} } });
    const pieces = events.slice(3, 7).map(([, data]) => (data as { delta: { partial_json: string } }).delta.partial_json);
    expect(pieces[0]).toBe('');
    expect(JSON.parse(pieces.join(''))).toEqual({ city: 'Paris', days: [1, 2] });
    expect(events[8]?.[1]).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });
});
