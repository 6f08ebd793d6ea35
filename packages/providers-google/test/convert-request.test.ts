import { InvalidRequestError, type ChatCompletionMessageParam } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { prepareGeminiRequest, toGeminiConversation, toGeminiTools, toolResponseObject, WarningLog, type GoogleWarning } from '../src/internal.js';
import { mediaPart, mimeTypeFromName, parseDataUrl } from '../src/media-parts.js';

function paramOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return InvalidRequestError.isInstance(error) ? error.param : undefined;
  }
  return undefined;
}

describe('toGeminiConversation', () => {
  it('hoists system and developer messages into systemInstruction and maps assistant to model', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'developer', content: [{ type: 'text', text: 'Use ' }, { type: 'text', text: 'French.' }] },
      { role: 'assistant', content: 'Bonjour' },
      { role: 'user', content: 'Encore' },
    ];
    expect(toGeminiConversation(messages)).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Use French.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Bonjour' }] },
        { role: 'user', parts: [{ text: 'Encore' }] },
      ],
    });
  });

  it('has no systemInstruction without system messages', () => {
    expect(toGeminiConversation([{ role: 'user', content: 'x' }])).toEqual({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] });
  });

  it('turns tool calls into functionCall parts and tool results into functionResponse parts of one user turn', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_gemini_resp_0_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":21}' },
      { role: 'tool', tool_call_id: 'call_gemini_resp_0_1', content: [{ type: 'text', text: 'sunny' }] },
      { role: 'user', content: 'Thanks' },
    ];
    expect(toGeminiConversation(messages).contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [{ functionCall: { id: 'call_1', name: 'get_weather', args: { city: 'Paris' } } }, { functionCall: { name: 'get_weather', args: { city: 'Rome' } } }],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'call_1', name: 'get_weather', response: { celsius: 21 } } },
          { functionResponse: { name: 'get_weather', response: { output: 'sunny' } } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });

  it('sends a thought signature back with its function call', () => {
    const messages = [
      { role: 'user', content: 'Dim the lights' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_gemini_r_0_0', type: 'function', function: { name: 'dim', arguments: '{}' }, extra_content: { google: { thought_signature: 'c2lnbmF0dXJl' } } }],
      },
    ] as ChatCompletionMessageParam[];
    expect(toGeminiConversation(messages).contents[1]).toEqual({ role: 'model', parts: [{ functionCall: { name: 'dim', args: {} }, thoughtSignature: 'c2lnbmF0dXJl' }] });
  });

  it('maps the deprecated function role and function_call', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Time?' },
      { role: 'assistant', content: null, function_call: { name: 'now', arguments: '' } },
      { role: 'function', name: 'now', content: '12:00' },
    ];
    expect(toGeminiConversation(messages).contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'now', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'now', response: { output: '12:00' } } }] },
    ]);
  });

  it('converts images, audio and files', () => {
    const messages: ChatCompletionMessageParam[] = [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGRg==' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          { type: 'image_url', image_url: { url: 'https://example.com/render?id=7' } },
          { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'doc.pdf' } },
          { type: 'file', file: { file_id: 'https://generativelanguage.googleapis.com/v1beta/files/abc123', filename: 'talk.mp4' } },
        ],
      },
    ];
    expect(toGeminiConversation(messages).contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } },
      { fileData: { fileUri: 'https://example.com/a.png', mimeType: 'image/png' } },
      { fileData: { fileUri: 'https://example.com/render?id=7' } },
      { inlineData: { mimeType: 'audio/mp3', data: 'SUQz' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
      { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123', mimeType: 'video/mp4' } },
    ]);
  });

  it('merges consecutive turns of one role and leaves out an empty assistant turn', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: null },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'c' },
    ];
    expect(toGeminiConversation(messages).contents).toEqual([{ role: 'user', parts: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] }]);
  });

  it('refuses what Gemini cannot take, naming the parameter', () => {
    const orphan = () => toGeminiConversation([{ role: 'tool', tool_call_id: 'nope', content: 'x' }]);
    expect(orphan).toThrow(InvalidRequestError);
    expect(paramOf(orphan)).toBe('messages[0].tool_call_id');
    const badArgs = () => toGeminiConversation([{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{not json' } }] }]);
    expect(paramOf(badArgs)).toBe('messages[0].tool_calls[0].function.arguments');
    const custom = () => toGeminiConversation([{ role: 'assistant', tool_calls: [{ id: 'c', type: 'custom', custom: { name: 'g', input: 'x' } }] }]);
    expect(custom).toThrow(InvalidRequestError);
  });
});

describe('toolResponseObject', () => {
  it('sends a JSON object as it is and anything else under "output"', () => {
    expect(toolResponseObject('{"a":1}')).toEqual({ a: 1 });
    expect(toolResponseObject('[1,2]')).toEqual({ output: [1, 2] });
    expect(toolResponseObject('42')).toEqual({ output: 42 });
    expect(toolResponseObject('plain words')).toEqual({ output: 'plain words' });
  });
});

describe('toGeminiTools', () => {
  const tools = [
    { type: 'function' as const, function: { name: 'a', description: 'A', parameters: { type: 'object', properties: { x: { type: 'string' } } } } },
    { type: 'function' as const, function: { name: 'b', parameters: { type: 'object', properties: {}, additionalProperties: false } } },
    { type: 'function' as const, function: { name: 'c' } },
  ];

  it('declares functions, without parameters when they take none', () => {
    expect(toGeminiTools(tools, undefined)).toEqual({
      tools: [{ functionDeclarations: [{ name: 'a', description: 'A', parameters: { type: 'OBJECT', properties: { x: { type: 'STRING' } } } }, { name: 'b' }, { name: 'c' }] }],
    });
  });

  it('maps tool_choice to functionCallingConfig', () => {
    expect(toGeminiTools(tools, 'auto').toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(toGeminiTools(tools, 'none').toolConfig).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(toGeminiTools(tools, 'required').toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(toGeminiTools(tools, { type: 'function', function: { name: 'b' } }).toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['b'] } });
  });

  it('declares only the allowed tools for allowed_tools', () => {
    const auto = toGeminiTools(tools, { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'a' } }] } });
    expect(auto.tools?.[0]?.functionDeclarations.map((d) => d.name)).toEqual(['a']);
    expect(auto.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    const required = toGeminiTools(tools, { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'a' } }, { type: 'function', function: { name: 'c' } }] } });
    expect(required.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'c'] } });
  });

  it('sends nothing without tools, and refuses custom tools', () => {
    expect(toGeminiTools(undefined, 'auto')).toEqual({});
    expect(() => toGeminiTools([{ type: 'custom', custom: { name: 'x' } }], undefined)).toThrow(InvalidRequestError);
  });
});

describe('prepareGeminiRequest', () => {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];

  it('maps sampling parameters to generationConfig (max_completion_tokens wins over max_tokens)', () => {
    const body = prepareGeminiRequest(
      { model: 'm', messages, temperature: 0, top_p: 1, n: 3, max_tokens: 10, max_completion_tokens: 20, stop: ['a', 'b'], seed: 1, presence_penalty: 0.1, frequency_penalty: 0.2 },
      {},
    );
    expect(body.generationConfig).toEqual({ temperature: 0, topP: 1, candidateCount: 3, maxOutputTokens: 20, stopSequences: ['a', 'b'], seed: 1, presencePenalty: 0.1, frequencyPenalty: 0.2 });
    expect(prepareGeminiRequest({ model: 'm', messages, max_tokens: 10 }, {}).generationConfig).toEqual({ maxOutputTokens: 10 });
  });

  it('leaves generationConfig out when nothing sets it, and ignores null parameters', () => {
    expect(prepareGeminiRequest({ model: 'm', messages, temperature: null, stop: null, n: null }, {})).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
  });

  it('maps response_format and reasoning_effort', () => {
    expect(prepareGeminiRequest({ model: 'm', messages, response_format: { type: 'json_object' } }, {}).generationConfig).toEqual({ responseMimeType: 'application/json' });
    expect(prepareGeminiRequest({ model: 'm', messages, response_format: { type: 'text' } }, {}).generationConfig).toBeUndefined();
    expect(prepareGeminiRequest({ model: 'm', messages, reasoning_effort: 'low' }, {}).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024 } });
    expect(prepareGeminiRequest({ model: 'm', messages, reasoning_effort: 'none' }, {}).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
  });

  it('adds the configured safety settings and generationConfig defaults, the request winning', () => {
    const body = prepareGeminiRequest(
      { model: 'm', messages, temperature: 0.5 },
      { safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }], generationConfig: { topK: 40, temperature: 1 } },
    );
    expect(body.safetySettings).toEqual([{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }]);
    expect(body.generationConfig).toEqual({ topK: 40, temperature: 0.5 });
  });

  it('warns once per instance about parameters Gemini has no equivalent for, and leaves them out', () => {
    const warnings: GoogleWarning[] = [];
    const log = new WarningLog('g1', (w) => warnings.push(w));
    const params = { model: 'm', messages, logit_bias: { '1': 2 }, logprobs: true, top_logprobs: 2, parallel_tool_calls: false, user: 'u', metadata: { a: 'b' } };
    const body = prepareGeminiRequest(params, {}, log);
    prepareGeminiRequest(params, {}, log);
    expect(warnings.map((w) => w.param)).toEqual(['logit_bias', 'logprobs', 'top_logprobs', 'parallel_tool_calls']);
    expect(warnings[0]).toMatchObject({ type: 'unsupported-param', providerId: 'g1' });
    expect(JSON.stringify(body)).not.toMatch(/logit|logprob|metadata|"user":/);
  });
});

describe('media parts', () => {
  it('parses base64 and percent-encoded data URLs', () => {
    expect(parseDataUrl('data:image/png;base64,AAAA')).toEqual({ mimeType: 'image/png', data: 'AAAA' });
    expect(parseDataUrl('data:text/plain,hello%20world')).toEqual({ mimeType: 'text/plain', data: btoa('hello world') });
    expect(parseDataUrl('https://x')).toBeUndefined();
  });

  it('infers MIME types from extensions, ignoring queries, case-insensitively', () => {
    expect(mimeTypeFromName('https://x/y/photo.JPEG?w=1#top')).toBe('image/jpeg');
    expect(mimeTypeFromName('clip.webm')).toBe('video/webm');
    expect(mimeTypeFromName('https://x/noext')).toBeUndefined();
    expect(mediaPart('gs://bucket/file.wav')).toEqual({ fileData: { fileUri: 'gs://bucket/file.wav', mimeType: 'audio/wav' } });
  });
});
