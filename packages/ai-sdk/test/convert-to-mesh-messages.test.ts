import { UnsupportedFunctionalityError, type LanguageModelV3Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { buildMeshRequest } from '../src/build-mesh-request.js';
import { convertToMeshMessages } from '../src/convert-to-mesh-messages.js';

describe('convertToMeshMessages', () => {
  it('turns a multi-turn tool conversation into OpenAI messages', () => {
    const prompt: LanguageModelV3Prompt = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'need the tool' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Oslo' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { type: 'json', value: { sky: 'grey' } } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c2', toolName: 'weather', output: { type: 'execution-denied' } }] },
    ];
    expect(convertToMeshMessages(prompt)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '{"sky":"grey"}' },
      { role: 'tool', tool_call_id: 'c2', content: 'The tool call was denied.' },
    ]);
  });

  it('sends images as image_url (URL or data URL), PDFs as file parts, and refuses what the wire cannot carry', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const [message] = convertToMeshMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look' },
          { type: 'file', mediaType: 'image/png', data: new URL('https://example.com/a.png') },
          { type: 'file', mediaType: 'image/jpeg', data: bytes },
          { type: 'file', mediaType: 'application/pdf', data: 'JVBERi0=', filename: 'x.pdf' },
        ],
      },
    ]);
    expect(message).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Look' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AQID' } },
        { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'x.pdf' } },
      ],
    });
    expect(() => convertToMeshMessages([{ role: 'user', content: [{ type: 'file', mediaType: 'video/mp4', data: bytes }] }])).toThrow(UnsupportedFunctionalityError);
  });
});

describe('buildMeshRequest', () => {
  it('maps settings, warns about what the OpenAI wire lacks, and validates providerOptions.modelmesh', () => {
    const controller = new AbortController();
    const request = buildMeshRequest('chat', {
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      maxOutputTokens: 9,
      topK: 3,
      stopSequences: ['END'],
      toolChoice: { type: 'tool', toolName: 'f' },
      tools: [
        { type: 'function', name: 'f', inputSchema: { type: 'object' } },
        { type: 'provider', id: 'openai.web_search', name: 'web', args: {} },
      ],
      headers: { 'x-trace': 't1', 'x-none': undefined },
      abortSignal: controller.signal,
      providerOptions: { modelmesh: { sessionId: 's-1', user: 'u-1', timeout: 5000 } },
    });
    expect(request.params).toMatchObject({ model: 'chat', max_tokens: 9, stop: ['END'], user: 'u-1', tool_choice: { type: 'function', function: { name: 'f' } } });
    expect(request.params.tools).toHaveLength(1);
    expect(request.options).toEqual({ signal: controller.signal, headers: { 'x-trace': 't1' }, sessionId: 's-1', timeout: 5000 });
    expect(request.warnings.map((w) => w.kind)).toEqual(['setting', 'tool']);
    expect(() => buildMeshRequest('chat', { prompt: [], providerOptions: { modelmesh: { sessionId: 42 } } })).toThrow(/providerOptions\.modelmesh\.sessionId must be a string/);
  });
});
