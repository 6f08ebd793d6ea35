import { startFakeAnthropicServer, startFakeGeminiServer, startFakeOpenAIServer, type FakeStep } from '@modelmesh/testing/servers';

/** The three local vendor servers of the demo, one of them with a scheduled outage. */
export interface DemoFleet {
  readonly openaiUrl: string;
  readonly anthropicUrl: string;
  readonly geminiUrl: string;
  /** Starts the OpenAI-wire server's outage: it answers 503 for `ms` milliseconds. */
  startOutage(ms: number): void;
  close(): Promise<void>;
}

/**
 * Starts fake OpenAI-, Anthropic- and Gemini-wire servers on 127.0.0.1 (OS-chosen ports).
 * They answer like the real APIs, so the real provider packages talk to them over HTTP.
 */
export async function startDemoFleet(now: () => number = Date.now): Promise<DemoFleet> {
  let outageUntil = 0;
  const ok: FakeStep = { kind: 'ok' };
  const openai = await startFakeOpenAIServer({
    defaultScript: () => (now() < outageUntil ? { kind: 'status', status: 503 } : ok),
  });
  const anthropic = await startFakeAnthropicServer();
  const gemini = await startFakeGeminiServer();
  return {
    openaiUrl: openai.url,
    anthropicUrl: anthropic.url,
    geminiUrl: gemini.url,
    startOutage: (ms) => {
      outageUntil = now() + ms;
    },
    close: async () => {
      await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
    },
  };
}
