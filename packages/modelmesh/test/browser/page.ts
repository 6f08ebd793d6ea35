// Runs in headless Chromium, bundled by the test with the `browser` export condition. It reports
// what it saw on `window.results`; the test asserts on that.
import { ConfigurationError, create, createMesh, loadConfig } from 'modelmesh';
import { mockClient } from 'modelmesh/testing';
import { providerPlugin } from '@modelmesh/providers-openai';

export interface PageResults {
  mock: string | null;
  created: string | null;
  chunks: string[];
  streamed: string;
  servedBy: string | undefined;
  textRefused: string;
  fromYaml: string | null;
}

// The project type-checks without the DOM library; the page needs only these two globals.
const page = globalThis as unknown as { location: { origin: string }; results?: PageResults; failure?: string };

async function run(): Promise<PageResults> {
  const mock = mockClient({ responses: [{ content: 'hello from the mock' }] });
  const mocked = await mock.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'hi' }] });

  // A real provider over same-origin fetch: the page's server forwards /v1 to a fake OpenAI server.
  const env = { OPENAI_API_KEY: 'sk-browser-test-key', OPENAI_BASE_URL: `${page.location.origin}/v1` };
  const client = create('chat-completion', { plugins: [providerPlugin], env });
  const answer = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'from create' }] });

  const stream = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'stream this please' }], stream: true });
  const chunks: string[] = [];
  for await (const chunk of stream) {
    const piece = chunk.choices[0]?.delta.content;
    if (piece) chunks.push(piece);
  }

  let textRefused = '';
  try {
    createMesh({ config: 'pools: {}', plugins: [providerPlugin] });
  } catch (error) {
    textRefused = error instanceof ConfigurationError ? error.message : `not a ConfigurationError: ${String(error)}`;
  }
  const yaml = `providers:\n  openai:\n    connector: openai.llm.v1\n    api_key: \${OPENAI_API_KEY}\n    base_url: \${OPENAI_BASE_URL}\npools:\n  chat:\n    capability: chat-completion\n`;
  const fromText = createMesh({ config: loadConfig(yaml, { env }), plugins: [providerPlugin], env });
  const viaYaml = await fromText.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'from yaml' }] });

  return {
    mock: mocked.choices[0].message.content,
    created: answer.choices[0]?.message.content ?? null,
    chunks,
    streamed: chunks.join(''),
    servedBy: answer.model,
    textRefused,
    fromYaml: viaYaml.choices[0]?.message.content ?? null,
  };
}

run().then(
  (results) => {
    page.results = results;
  },
  (error: unknown) => {
    page.failure = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  },
);
