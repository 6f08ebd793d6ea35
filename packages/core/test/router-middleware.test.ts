import { describe, expect, it } from 'vitest';
import { Middleware, type ChatCompletion, type ChatCompletionCreateParams, type ChatCompletionChunk, type MiddlewareContext } from '../src/index.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

class Recorder extends Middleware {
  constructor(
    private readonly label: string,
    private readonly log: string[],
  ) {
    super();
  }
  override async beforeRequest(request: ChatCompletionCreateParams, context: MiddlewareContext) {
    this.log.push(`${this.label}:before:${context.modelKey}:${context.attempt}`);
    context.metadata[this.label] = context.attempt;
    return request;
  }
  override async afterResponse(response: ChatCompletion, context: MiddlewareContext) {
    this.log.push(`${this.label}:after:${String(context.metadata[this.label])}`);
    return response;
  }
  override async onError(error: unknown, context: MiddlewareContext) {
    this.log.push(`${this.label}:error:${String(context.metadata[this.label])}`);
    return undefined;
  }
}

describe('middleware', () => {
  it('runs in onion order around each attempt, with one context per attempt', async () => {
    const log: string[] = [];
    const { client, clock, a } = twoModelMesh({}, [new Recorder('outer', log), new Recorder('inner', log)]);
    a.script('model-a', { status: 503 }, { ok: 'second try' });
    await withClock(clock, client.chat.completions.create(ask));
    expect(log).toEqual([
      'outer:before:model-a:1',
      'inner:before:model-a:1',
      'inner:error:1',
      'outer:error:1',
      'outer:before:model-a:2',
      'inner:before:model-a:2',
      'inner:after:2',
      'outer:after:2',
    ]);
  });

  it('may rewrite the request and the response', async () => {
    class Rewrite extends Middleware {
      override async beforeRequest(request: ChatCompletionCreateParams) {
        return { ...request, temperature: 0 };
      }
      override async afterResponse(response: ChatCompletion, context: MiddlewareContext) {
        const first = response.choices[0];
        if (first) first.message.content = `${first.message.content} (cost ${context.cost?.toFixed(6)})`;
        return response;
      }
    }
    const { client } = twoModelMesh({}, [new Rewrite()]);
    const response = await client.chat.completions.create(ask);
    // 10 prompt tokens × $1/M + 5 completion tokens × $2/M
    expect(response.choices[0]?.message.content).toBe('hello from model-a (cost 0.000020)');
  });

  it('onError may answer with a fallback response', async () => {
    class Fallback extends Middleware {
      override async onError(): Promise<ChatCompletion> {
        return {
          id: 'fallback',
          object: 'chat.completion',
          created: 0,
          model: 'fallback',
          choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'sorry', refusal: null } }],
        };
      }
    }
    const { client, a, b } = twoModelMesh({}, [new Fallback()]);
    a.script('model-a', { status: 400 });
    const response = await client.chat.completions.create(ask);
    expect(response.choices[0]?.message.content).toBe('sorry');
    expect(b.calls).toHaveLength(0);
  });

  it('sees and may drop stream chunks', async () => {
    const seen: string[] = [];
    class Chunks extends Middleware {
      override async onStreamChunk(chunk: ChatCompletionChunk, context: MiddlewareContext) {
        seen.push(`${context.modelKey}:${chunk.choices[0]?.delta.content ?? '-'}`);
        return chunk.choices[0]?.delta.content === 'drop' ? null : chunk;
      }
    }
    const { client, a } = twoModelMesh({}, [new Chunks()]);
    a.script('model-a', { stream: ['keep', 'drop', 'me'] });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('keepme');
    expect(seen).toContain('model-a:drop');
  });
});

describe('per-request callbacks', () => {
  it('a throwing onRouted or onCompleted does not break or mis-report the request', async () => {
    const { client } = twoModelMesh();
    const completed: boolean[] = [];
    client.on('request.completed', (e) => completed.push(e.ok));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const response = await client.chat.completions.create(ask, {
        onRouted: () => {
          throw new Error('routed boom');
        },
        onCompleted: () => {
          throw new Error('completed boom');
        },
      });
      expect(response.model).toBe('model-a');
    } finally {
      console.error = original;
    }
    expect(completed).toEqual([true]);
    expect(errors).toHaveLength(2);
  });
});
