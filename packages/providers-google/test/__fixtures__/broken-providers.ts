import { ContentFilteredError, RateLimitError, type ChatCompletionChunk, type Provider } from '@modelmesh/provider';
import { createGoogle } from '../../src/index.js';

/** Builds the provider under test from the fake server's URL and key; each defect breaks one thing on purpose. */
export type Build = (baseUrl: string, apiKey: string) => Provider;

const correct: Build = (baseUrl, apiKey) => createGoogle({ apiKey, baseUrl, env: {}, onWarning: () => undefined });

async function* drainFirst(stream: AsyncIterable<ChatCompletionChunk>): AsyncGenerator<ChatCompletionChunk> {
  const all: ChatCompletionChunk[] = [];
  for await (const chunk of stream) all.push(chunk);
  yield* all;
}

async function* swallowErrors(stream: AsyncIterable<ChatCompletionChunk>, which: (error: unknown) => boolean): AsyncGenerator<ChatCompletionChunk> {
  try {
    yield* stream;
  } catch (error) {
    // the defect: a broken (or blocked) stream passes for a finished one
    if (!which(error)) throw error;
  }
}

/** Deliberately broken providers, each failing a known set of checks. */
export const DEFECTS: Readonly<Record<string, Build>> = {
  control: correct,
  'key in the URL': (baseUrl, apiKey) =>
    createGoogle({
      apiKey,
      baseUrl,
      env: {},
      onWarning: () => undefined,
      fetch: (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        url.searchParams.set('key', apiKey);
        return globalThis.fetch(url, init);
      },
    }),
  'ignores RetryInfo': (baseUrl, apiKey) => {
    const provider = correct(baseUrl, apiKey);
    const strip = (error: unknown): never => {
      if (RateLimitError.isInstance(error)) throw new RateLimitError({ providerId: error.providerId, modelId: error.modelId, message: error.message });
      throw error;
    };
    return {
      ...provider,
      chat: (request, call) => provider.chat(request, call).catch(strip),
      chatStream: (request, call) => provider.chatStream(request, call).catch(strip),
      embed: (request, call) => (provider.embed ? provider.embed(request, call).catch(strip) : Promise.reject(new Error('no embed'))),
    };
  },
  'swallows safety blocks': (baseUrl, apiKey) => {
    const provider = correct(baseUrl, apiKey);
    return {
      ...provider,
      chat: (request, call) =>
        provider.chat(request, call).catch((error: unknown) => {
          if (!ContentFilteredError.isInstance(error)) throw error;
          return { id: 'x', object: 'chat.completion', created: 0, model: request.model, choices: [{ index: 0, message: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: 'content_filter' }] };
        }),
      chatStream: async (request, call) => swallowErrors(await provider.chatStream(request, call), (error) => ContentFilteredError.isInstance(error)),
    };
  },
  'truncates silently': (baseUrl, apiKey) => {
    const provider = correct(baseUrl, apiKey);
    return { ...provider, chatStream: async (request, call) => swallowErrors(await provider.chatStream(request, call), () => true) };
  },
  buffers: (baseUrl, apiKey) => {
    const provider = correct(baseUrl, apiKey);
    return { ...provider, chatStream: async (request, call) => drainFirst(await provider.chatStream(request, call)) };
  },
};
