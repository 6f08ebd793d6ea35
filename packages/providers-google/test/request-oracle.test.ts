import type { ChatCompletionCreateParamsNonStreaming, EmbeddingCreateParams, ProviderCall } from '@modelmesh/provider';
import { startFakeGeminiServer, type FakeGeminiRequestRecord, type FakeGeminiServer } from '@modelmesh/testing/servers';
import { FunctionCallingConfigMode, GoogleGenAI, Type, type EmbedContentParameters, type GenerateContentParameters } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGoogle } from '../src/index.js';

/*
 * The official `@google/genai` client is the oracle for the request side: for an OpenAI-shaped input,
 * the body (and URL and key header) our provider sends equals what the official client sends for the
 * equivalent native input, both recorded by the fake Gemini server. Documented differences: the
 * official client sends `generationConfig: {}` whenever a `config` is given, even with nothing in it;
 * we leave an empty `generationConfig` out (the API treats both alike). It also adds its own
 * `user-agent` / `x-goog-api-client` headers.
 */

/** The official client's body without the empty `generationConfig` it sends whenever `config` is given. */
function normalized(body: unknown): unknown {
  const record = { ...(body as Record<string, unknown>) };
  const config = record['generationConfig'];
  if (typeof config === 'object' && config !== null && Object.keys(config).length === 0) delete record['generationConfig'];
  return record;
}

const API_KEY = 'AIzaSyRequestOracleKey0001';
let server: FakeGeminiServer;
let sdk: GoogleGenAI;

beforeAll(async () => {
  server = await startFakeGeminiServer({ apiKey: API_KEY });
  sdk = new GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: server.url, retryOptions: { attempts: 1 } } });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const provider = () => createGoogle({ apiKey: API_KEY, baseUrl: server.url, env: {}, onWarning: () => undefined });

/** The last two requests: the official client's, then ours. */
function lastTwo(): [FakeGeminiRequestRecord, FakeGeminiRequestRecord] {
  const [theirs, ours] = server.requests.slice(-2);
  if (theirs === undefined || ours === undefined) throw new Error(`expected two requests, got ${server.requests.length}`);
  return [theirs, ours];
}

function expectSameRequest(theirs: FakeGeminiRequestRecord, ours: FakeGeminiRequestRecord): void {
  expect(ours.body).toEqual(normalized(theirs.body));
  expect(ours.path).toBe(theirs.path);
  expect(ours.query).toEqual(theirs.query);
  expect(ours.headers['x-goog-api-key']).toBe(theirs.headers['x-goog-api-key']);
  expect(ours.headers['x-goog-api-key']).toBe(API_KEY);
  expect(ours.query['key']).toBeUndefined();
}

const WEATHER_PARAMETERS = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    city: { type: 'string', description: 'City name' },
    units: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: ['integer', 'null'], minimum: 1, maximum: 7 },
  },
  required: ['city'],
  additionalProperties: false,
};

/** Each case: an OpenAI-shaped request and the native input a Gemini developer would write for it. */
const CASES: Record<string, { openai: ChatCompletionCreateParamsNonStreaming; native: GenerateContentParameters }> = {
  'system prompt and sampling settings': {
    openai: {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Answer in French.' },
        { role: 'user', content: 'Hello!' },
      ],
      temperature: 0.3,
      top_p: 0.8,
      max_completion_tokens: 64,
      stop: '\n\n',
      seed: 7,
      n: 2,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
    },
    native: {
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'Hello!' }] }],
      config: {
        systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
        temperature: 0.3,
        topP: 0.8,
        maxOutputTokens: 64,
        stopSequences: ['\n\n'],
        seed: 7,
        candidateCount: 2,
        presencePenalty: 0.5,
        frequencyPenalty: -0.5,
      },
    },
  },
  'a multi-turn conversation with a function call round trip, tools and tool_choice': {
    openai: {
      model: 'gemini-2.5-pro',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_abc', content: '{"celsius":21}' },
        { role: 'assistant', content: 'It is 21 °C.' },
        { role: 'user', content: 'And tomorrow?' },
      ],
      tools: [
        { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_PARAMETERS, strict: true } },
        { type: 'function', function: { name: 'get_time', description: 'The current time', parameters: { type: 'object', properties: {} } } },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    },
    native: {
      model: 'gemini-2.5-pro',
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
        { role: 'model', parts: [{ text: 'Let me look.' }, { functionCall: { id: 'call_abc', name: 'get_weather', args: { city: 'Paris' } } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'call_abc', name: 'get_weather', response: { celsius: 21 } } }] },
        { role: 'model', parts: [{ text: 'It is 21 °C.' }] },
        { role: 'user', parts: [{ text: 'And tomorrow?' }] },
      ],
      config: {
        tools: [
          {
            functionDeclarations: [
              {
                name: 'get_weather',
                description: 'Weather for a city',
                parameters: {
                  type: Type.OBJECT,
                  properties: {
                    city: { type: Type.STRING, description: 'City name' },
                    units: { type: Type.STRING, enum: ['celsius', 'fahrenheit'] },
                    days: { type: Type.INTEGER, nullable: true, minimum: 1, maximum: 7 },
                  },
                  required: ['city'],
                },
              },
              { name: 'get_time', description: 'The current time' },
            ],
          },
        ],
        toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: ['get_weather'] } },
      },
    },
  },
  'a tool result that is plain text, and tool_choice none': {
    openai: {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user', content: 'Time?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_gemini_r1_0_0', type: 'function', function: { name: 'get_time', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_gemini_r1_0_0', content: 'It is noon.' },
      ],
      tools: [{ type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } }],
      tool_choice: 'none',
    },
    native: {
      model: 'gemini-2.5-flash',
      contents: [
        { role: 'user', parts: [{ text: 'Time?' }] },
        // Ids this package generated are not sent back: Gemini matches results by name and order.
        { role: 'model', parts: [{ functionCall: { name: 'get_time', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_time', response: { output: 'It is noon.' } } }] },
      ],
      config: {
        tools: [{ functionDeclarations: [{ name: 'get_time', parameters: { type: Type.OBJECT, properties: { zone: { type: Type.STRING } } } }] }],
        toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.NONE } },
      },
    },
  },
  'images: a data URL inline, an http URL by reference': {
    openai: {
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/photos/cat.JPG?size=large', detail: 'low' } },
          ],
        },
      ],
    },
    native: {
      model: 'gemini-2.5-flash',
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Compare these.' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { fileData: { fileUri: 'https://example.com/photos/cat.JPG?size=large', mimeType: 'image/jpeg' } },
          ],
        },
      ],
    },
  },
  'JSON output with a schema': {
    openai: {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Give me a city.' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'city',
          strict: true,
          schema: {
            type: 'object',
            properties: { name: { type: 'string' }, founded: { type: 'string', format: 'date-time' }, tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
            required: ['name', 'tags'],
            additionalProperties: false,
          },
        },
      },
    },
    native: {
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'Give me a city.' }] }],
      config: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: Type.OBJECT,
          properties: { name: { type: Type.STRING }, founded: { type: Type.STRING, format: 'date-time' }, tags: { type: Type.ARRAY, items: { type: Type.STRING } } },
          required: ['name', 'tags'],
        },
      },
    },
  },
  'JSON mode without a schema': {
    openai: { model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'JSON please' }], response_format: { type: 'json_object' } },
    native: { model: 'gemini-2.0-flash', contents: [{ role: 'user', parts: [{ text: 'JSON please' }] }], config: { responseMimeType: 'application/json' } },
  },
};

describe('request bodies equal the official client for the equivalent native input (generateContent)', () => {
  for (const [name, { openai, native }] of Object.entries(CASES)) {
    it(name, async () => {
      await sdk.models.generateContent(native);
      await provider().chat(openai, call());
      expectSameRequest(...lastTwo());
    });
  }
});

describe('request bodies equal the official client (streamGenerateContent)', () => {
  for (const [name, { openai, native }] of Object.entries(CASES)) {
    it(name, async () => {
      for await (const _chunk of await sdk.models.generateContentStream(native)) {
        // drain
      }
      for await (const _chunk of await provider().chatStream({ ...openai, stream: true }, call())) {
        // drain
      }
      const [theirs, ours] = lastTwo();
      expectSameRequest(theirs, ours);
      expect(ours.query).toEqual({ alt: 'sse' });
    });
  }
});

describe('embeddings', () => {
  it('several inputs: the batchEmbedContents body equals the official client’s', async () => {
    const native: EmbedContentParameters = { model: 'gemini-embedding-001', contents: [{ parts: [{ text: 'first' }] }, { parts: [{ text: 'second' }] }], config: { outputDimensionality: 16 } };
    const params: EmbeddingCreateParams = { model: 'gemini-embedding-001', input: ['first', 'second'], dimensions: 16 };
    const theirs = await sdk.models.embedContent(native);
    const result = await provider().embed(params, call());
    expectSameRequest(...lastTwo());
    expect(result.data.map((d) => d.embedding)).toEqual(theirs.embeddings?.map((e) => e.values));
  });

  it('one input: embedContent (the official client always batches), the same vector', async () => {
    const theirs = await sdk.models.embedContent({ model: 'text-embedding-004', contents: [{ parts: [{ text: 'only' }] }] });
    const result = await provider().embed({ model: 'text-embedding-004', input: 'only' }, call());
    const [, ours] = lastTwo();
    expect(ours.path).toBe('/v1beta/models/text-embedding-004:embedContent');
    expect(ours.body).toEqual({ content: { parts: [{ text: 'only' }] } });
    expect(result.data[0]?.embedding).toEqual(theirs.embeddings?.[0]?.values);
  });
});
