import type { MeshClient } from '@modelmesh/core';
import { createMesh } from '@modelmesh/core/node';
import { startProxy } from '@modelmesh/proxy';
import OpenAI from 'openai';
import { availablePlugins } from '../installed-providers.js';
import { paint, table, type Output } from '../terminal.js';
import { startDemoFleet } from './demo-fleet.js';
import { DEMO_COOLDOWN_MS, demoConfig } from './demo-mesh.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  readonly output: Output;
  /** How many requests to send (default 14). */
  readonly requests?: number;
  /**
   * Leave the proxy and its status page running after the demo, until `stop` resolves
   * (default: SIGINT or SIGTERM), instead of closing at once.
   */
  readonly keepOpen?: boolean;
  /** With `keepOpen`: resolves when the demo should close (tests pass their own). */
  readonly stop?: Promise<unknown>;
  /** Called with the proxy's URL once it listens (the status page is at `${url}/status`). */
  readonly onListening?: (url: string) => void;
}

/** What the demo saw, for callers (and tests) that want more than the printout. */
export interface DemoResult {
  /** Model that answered each request, in order. */
  readonly servedBy: readonly string[];
  readonly failovers: number;
  readonly deactivated: readonly string[];
  readonly recovered: readonly string[];
  readonly totalCost: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves on the first SIGINT or SIGTERM (and stops listening for them). */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done).off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done).once('SIGTERM', done);
  });
}

function watch(mesh: MeshClient, output: Output, result: { failovers: number; deactivated: string[]; recovered: string[] }): void {
  mesh.on('attempt.failed', (e) => output.line(paint(output, 'red', `      ✗ ${e.modelKey}: ${e.error.message} → ${e.next}`)));
  mesh.on('request.failover', (e) => {
    result.failovers++;
    output.line(paint(output, 'yellow', `      ↪ failover ${e.fromModel} → ${e.toModel}`));
  });
  mesh.on('model.deactivated', (e) => {
    result.deactivated.push(e.modelKey);
    output.line(paint(output, 'yellow', `      ⏸ ${e.modelKey} to standby (${e.reason}) for ${((e.until - e.at) / 1000).toFixed(1)}s`));
  });
  mesh.on('model.recovered', (e) => {
    result.recovered.push(e.modelKey);
    output.line(paint(output, 'green', `      ▶ ${e.modelKey} recovered`));
  });
}

/**
 * The offline demo: three local vendor servers (OpenAI-, Anthropic- and Gemini-wire), the
 * ModelMesh proxy over them, and the official `openai` client sending requests through it
 * while the OpenAI server has an outage. Shows which model served each request, the
 * failovers, a model going to standby and recovering, and the cost so far. No API key, no
 * network beyond 127.0.0.1.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { output } = options;
  const total = options.requests ?? 14;
  const fleet = await startDemoFleet();
  const mesh = createMesh({ config: demoConfig(fleet), plugins: availablePlugins() });
  const proxy = await startProxy({ mesh, host: '127.0.0.1', port: 0, log: () => undefined });
  const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'not-needed-on-loopback', maxRetries: 0 });
  const seen = { failovers: 0, deactivated: [] as string[], recovered: [] as string[] };
  const servedBy: string[] = [];
  watch(mesh, output, seen);
  options.onListening?.(proxy.url);
  try {
    output.line(paint(output, 'bold', 'ModelMesh demo') + paint(output, 'dim', ` — proxy ${proxy.url}, three local vendors, no API keys`));
    output.line(`${paint(output, 'cyan', 'Status page:')} ${proxy.url}/status ${paint(output, 'dim', '(open it in a browser: pools, failovers and spend, live)')}`);
    output.line(mesh.describe('chat'));
    output.line();
    for (let n = 1; n <= total; n++) {
      if (n === 4) {
        fleet.startOutage(1_200);
        output.line(paint(output, 'red', '   ⚡ the OpenAI server starts answering 503 for 1.2s'));
      }
      if (n === 9) {
        output.line(paint(output, 'dim', `   … waiting ${(DEMO_COOLDOWN_MS / 1000).toFixed(1)}s for the cooldown`));
        await pause(DEMO_COOLDOWN_MS + 100);
      }
      const stream = n % 3 === 0;
      const started = Date.now();
      const messages = [{ role: 'user' as const, content: `Request ${n}: in one sentence, why route by capability?` }];
      let headers: Headers;
      let text = '';
      if (stream) {
        const { data, response } = await client.chat.completions.create({ model: 'chat', messages, stream: true }).withResponse();
        headers = response.headers;
        for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
      } else {
        const { data, response } = await client.chat.completions.create({ model: 'chat', messages }).withResponse();
        headers = response.headers;
        text = data.choices[0]?.message.content ?? '';
      }
      const model = headers.get('x-modelmesh-model') ?? '?';
      servedBy.push(model);
      const line = [
        paint(output, 'bold', `#${String(n).padStart(2, '0')}`),
        stream ? 'stream' : 'json  ',
        `→ ${paint(output, 'cyan', model.padEnd(17))}`,
        `attempts ${headers.get('x-modelmesh-attempts') ?? '?'}`,
        `${String(Date.now() - started).padStart(4)} ms`,
        `cost so far $${mesh.usage.totalCost.toFixed(6)}`,
        paint(output, 'dim', `"${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"`),
      ];
      output.line(`   ${line.join('  ')}`);
    }
    output.line();
    const rows = Object.entries(mesh.usage.byModel).map(([model, t]) => [model, String(t.requests), String(t.totalTokens), `$${t.totalCost.toFixed(6)}`]);
    rows.push([paint(output, 'bold', 'total'), String(mesh.usage.totalRequests), String(mesh.usage.totalTokens), `$${mesh.usage.totalCost.toFixed(6)}`]);
    for (const line of table([['model', 'requests', 'tokens', 'cost'], ...rows], ['left', 'right', 'right', 'right'])) output.line(`   ${line}`);
    output.line(`   failovers: ${seen.failovers}, standby: ${seen.deactivated.join(', ') || 'none'}, recovered: ${seen.recovered.join(', ') || 'none'}`);
    if (options.keepOpen) {
      output.line(`${paint(output, 'green', '✓')} The proxy stays up: status page ${proxy.url}/status, API ${proxy.url}/v1 (Ctrl-C to stop)`);
      await (options.stop ?? untilInterrupted());
    }
    return { servedBy, failovers: seen.failovers, deactivated: seen.deactivated, recovered: seen.recovered, totalCost: mesh.usage.totalCost };
  } finally {
    await proxy.close();
    await mesh.close();
    await fleet.close();
  }
}
