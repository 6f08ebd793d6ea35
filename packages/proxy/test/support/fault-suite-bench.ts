// The bench of the proxy-level fault suite: a fake OpenAI-wire server holding two models, a mesh
// over it (two provider instances through the openai-compatible plugin, so nothing is known
// about prefill until tried), the proxy in front, and the official `openai` client as the
// caller. Each case scripts the models, sends one request and records what the caller got.
import { createMesh, type Clock, type MeshClient } from '@modelmesh/core';
import { providerPlugin as compatible } from '@modelmesh/providers-openai-compatible';
import { startFakeOpenAIServer, type FakeOpenAIServer, type FakeRequestRecord, type FakeStep } from '@modelmesh/testing/servers';
import OpenAI from 'openai';
import { startProxy, type RunningProxy } from '../../src/index.js';

export const PRIMARY = 'gpt-primary';
export const FALLBACK = 'gpt-fallback';
/** What a healthy model says; the fake splits it after each space. */
export const ANSWER = 'The quick brown fox jumps over the lazy dog';

/** The prefilled assistant text of a request, when its last message is a prefill. */
export function prefillOf(request: FakeRequestRecord): string | undefined {
  const messages = (request.body as { messages?: unknown } | undefined)?.messages;
  const last = Array.isArray(messages) ? (messages.at(-1) as { role?: unknown; content?: unknown; prefix?: unknown } | undefined) : undefined;
  return last?.role === 'assistant' && last.prefix === true && typeof last.content === 'string' ? last.content : undefined;
}

/** How a model answers once its scripted steps are used up. */
export interface VendorBehaviour {
  /** A prefill gets a 400, as an endpoint without prefill answers an unknown field. */
  readonly rejectsPrefill?: boolean;
}

export interface BenchOptions {
  /** Pool keys merged over the suite's pool. */
  readonly pool?: Record<string, unknown>;
  /** Extra config per model key (`primary`, `fallback`). */
  readonly models?: { primary?: Record<string, unknown>; fallback?: Record<string, unknown> };
  readonly behaviour?: Partial<Record<typeof PRIMARY | typeof FALLBACK, VendorBehaviour>>;
  readonly clock?: Clock;
}

/** Short limits so silent providers cost little real time; everything else is the default policy. */
export const SUITE_POOL = { strategy: 'priority', timeouts: { first_token: '400ms', idle: '400ms', attempt: '3s' } };

export class FaultBench {
  private constructor(
    readonly server: FakeOpenAIServer,
    readonly mesh: MeshClient,
    readonly proxy: RunningProxy,
    readonly client: OpenAI,
  ) {}

  static async start(options: BenchOptions = {}): Promise<FaultBench> {
    const behaviour = options.behaviour ?? {};
    // A vendor with prefill: it continues the prefilled text, as Mistral or Claude do.
    const answer = (request: FakeRequestRecord): FakeStep => {
      const prefill = prefillOf(request);
      if (prefill === undefined) return { kind: 'ok', content: ANSWER };
      if (behaviour[request.model as typeof PRIMARY]?.rejectsPrefill) {
        return { kind: 'status', status: 400, body: { error: { message: "Unrecognized request argument supplied: prefix", type: 'invalid_request_error', param: null, code: null } } };
      }
      return { kind: 'ok', content: ANSWER.slice(prefill.length) };
    };
    const server = await startFakeOpenAIServer({ defaultScript: answer });
    const mesh = createMesh({
      plugins: [compatible],
      env: {},
      ...(options.clock ? { clock: options.clock } : {}),
      config: {
        providers: {
          'vendor-a': { connector: 'openai-compatible', base_url: server.url },
          'vendor-b': { connector: 'openai-compatible', base_url: server.url },
        },
        models: {
          primary: { provider: 'vendor-a', model: PRIMARY, capabilities: ['chat-completion'], pricing: { input: 2, output: 8 }, ...options.models?.primary },
          fallback: { provider: 'vendor-b', model: FALLBACK, capabilities: ['chat-completion'], pricing: { input: 1, output: 4 }, ...options.models?.fallback },
        },
        pools: { chat: { models: ['primary', 'fallback'], ...SUITE_POOL, ...options.pool } },
      },
    });
    const proxy = await startProxy({ mesh, settings: { port: 0 }, log: () => undefined, ...(options.clock ? { clock: options.clock } : {}) });
    const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'sk-fault-suite', maxRetries: 0, timeout: 20_000 });
    return new FaultBench(server, mesh, proxy, client);
  }

  /** Requests the fake server received per model. */
  attempts(): { primary: number; fallback: number } {
    const of = (model: string) => this.server.requests.filter((r) => r.model === model).length;
    return { primary: of(PRIMARY), fallback: of(FALLBACK) };
  }

  async close(): Promise<void> {
    await this.proxy.close();
    await this.mesh.close();
    await this.server.close();
  }
}

/** What the caller got from one request. */
export interface CallerResult {
  readonly text?: string;
  /** The model the answer names (last chunk for streams). */
  readonly model?: string;
  readonly finished?: boolean;
  readonly usage?: { readonly prompt_tokens: number; readonly completion_tokens: number; readonly total_tokens: number } | null;
  /** The `openai` client's error: HTTP status (undefined mid-stream) and message. */
  readonly error?: { readonly status?: number; readonly message: string; readonly type?: string };
}

/** Sends one chat request through the proxy with the official client. */
export async function ask(bench: FaultBench, stream: boolean): Promise<CallerResult> {
  const messages = [{ role: 'user' as const, content: 'Tell me about the fox' }];
  try {
    if (!stream) {
      const completion = await bench.client.chat.completions.create({ model: 'chat', messages });
      return { text: completion.choices[0]?.message.content ?? '', model: completion.model, finished: completion.choices[0]?.finish_reason !== null, usage: completion.usage };
    }
    const chunks = await bench.client.chat.completions.create({ model: 'chat', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let model: string | undefined;
    let finished = false;
    let usage: CallerResult['usage'];
    try {
      for await (const chunk of chunks) {
        text += chunk.choices[0]?.delta.content ?? '';
        model = chunk.model;
        if (chunk.choices[0]?.finish_reason) finished = true;
        if (chunk.usage) usage = chunk.usage;
      }
    } catch (error) {
      return { text, ...(model ? { model } : {}), finished, error: errorOf(error) };
    }
    return { text, ...(model ? { model } : {}), finished, usage };
  } catch (error) {
    return { error: errorOf(error) };
  }
}

function errorOf(error: unknown): CallerResult['error'] {
  if (error instanceof OpenAI.APIError) return { status: error.status, message: error.message, type: error.type ?? undefined };
  return { message: error instanceof Error ? error.message : String(error) };
}
