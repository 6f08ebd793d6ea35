import { loadConfig, ManualClock, Middleware, PROVIDER_SPECIFICATION_VERSION, type ChatCompletion, type MeshClient, type MiddlewareContext, type ProviderPlugin } from 'modelmesh';
import { mockProvider, type MockScript } from 'modelmesh/testing';
import { createMesh } from '@modelmesh/core/node';
import { middlewarePlugin as cache } from '@modelmesh/middleware-cache';
import { loggingMiddleware, prettyLines } from '@modelmesh/middleware-logging';
import { middlewarePlugin as otel } from '@modelmesh/middleware-otel';

/** Scripts of the two mock vendors: the primary fails with 503s for a while, then recovers. */
export function vendorScripts(): Record<string, MockScript> {
  let calls = 0;
  return {
    primary: () => {
      calls++;
      return calls >= 3 && calls <= 4 ? { type: 'http', status: 503 } : { type: 'ok', content: `Answer #${calls} from the primary vendor.` };
    },
    backup: { type: 'ok', content: 'Answer from the backup vendor.' },
  };
}

/** A plugin that creates the mock vendors named in mesh.yaml. */
export function mockPlugin(scripts: Record<string, MockScript>, clock: ManualClock): ProviderPlugin {
  return {
    specificationVersion: PROVIDER_SPECIFICATION_VERSION,
    connector: 'mock.llm.v1',
    vendor: 'Mock',
    defaultId: 'mock',
    envVars: [],
    models: [],
    create: (options) => mockProvider({ id: options.id, models: [], script: scripts[options.id] ?? { type: 'ok', content: 'hi' }, clock }),
  };
}

/** Prints each attempt as it happens. */
export class ConsoleMiddleware extends Middleware {
  constructor(private readonly print: (line: string) => void) {
    super();
  }
  override async afterResponse(response: ChatCompletion, context: MiddlewareContext): Promise<ChatCompletion> {
    this.print(`    ← ${context.modelKey} (${context.providerId}) answered, ${response.usage?.total_tokens ?? 0} tokens, $${(context.cost ?? 0).toFixed(6)}`);
    return response;
  }
}

/** Builds the example mesh from mesh.yaml over mock vendors and a manual clock. */
export function buildMesh(configFile: string, print: (line: string) => void): { client: MeshClient; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 9, 0, 0));
  const client = createMesh({
    config: configFile,
    plugins: [mockPlugin(vendorScripts(), clock)],
    clock,
    random: () => 0.5,
    // In code, outermost first: the console lines, then one structured log line per request.
    // mesh.yaml adds the cache and OpenTelemetry middleware after these (from the plugins below).
    middleware: [new ConsoleMiddleware(print), loggingMiddleware({ logger: prettyLines((line) => print(`    ${line.trimEnd()}`), { now: () => clock.now() }) })],
    middlewarePlugins: [cache, otel],
  });
  client.on('attempt.failed', (e) => print(`    ✗ ${e.modelKey} failed (${e.error.message}); next: ${e.next}`));
  client.on('model.deactivated', (e) => print(`    ⏸ ${e.modelKey} → standby (${e.reason}) until ${new Date(e.until).toISOString().slice(11, 19)}`));
  client.on('model.recovered', (e) => print(`    ▶ ${e.modelKey} recovered`));
  return { client, clock };
}

/** Runs the scenario: requests through a failing and recovering primary, a stream, then a summary. */
export async function runScenario(configFile: string, print: (line: string) => void = console.log): Promise<MeshClient> {
  const warnings = loadConfig((await import('node:fs')).readFileSync(configFile, 'utf8'), { knownProviders: ['primary', 'backup'] }).warnings;
  print(`Config ${configFile} is valid${warnings.length ? ` (${warnings.length} warnings)` : ''}.`);
  const { client, clock } = buildMesh(configFile, print);
  print('');
  print(client.describe('chat'));
  const ask = (n: number) => ({ model: 'chat', messages: [{ role: 'user' as const, content: `Question ${n}: what is a capability pool?` }] });
  for (let n = 1; n <= 6; n++) {
    print(`\nrequest ${n}`);
    const response = await client.chat.completions.create(ask(n));
    print(`    = ${response.choices[0]?.message.content}`);
  }
  print('\n… 31 seconds later (manual clock) …');
  await clock.advance(31_000);
  print('\nrequest 7 (the primary gets its half-open trial)');
  await client.chat.completions.create(ask(7));
  print('\nrequest 8, streamed');
  const stream = await client.chat.completions.create({ ...ask(8), stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  print(`    = ${text}`);
  print('\nrequest 9, the same question as request 8: answered from the cache, no provider called');
  const repeated = await client.chat.completions.create(ask(8));
  print(`    = ${repeated.choices[0]?.message.content}`);
  print('\nWhy the next request goes where it goes:');
  const explanation = client.explain({ model: 'chat' });
  print(`    ${explanation.selectedModel}: ${explanation.reason}`);
  print('\nUsage');
  print(client.usage.summary());
  return client;
}
