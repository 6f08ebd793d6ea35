import type { AttemptFailedEvent, ChatCompletionMessageParam, MeshClient, RequestCompletedEvent } from '@modelmesh/core';
import { create } from 'modelmesh';
import { optionalString } from '../command-spec.js';
import { findConfigFile } from '../config-file.js';
import { availablePlugins } from '../installed-providers.js';
import { paint, type Output } from '../terminal.js';
import { loadMesh } from './load-mesh.js';

async function openMesh(pool: string, values: Readonly<Record<string, unknown>>): Promise<MeshClient> {
  const file = findConfigFile(values);
  if (file !== undefined) return (await loadMesh(file)).mesh;
  return create(pool, { plugins: availablePlugins() });
}

/** The answer's text, streamed to `output` as it arrives when asked. */
async function answer(mesh: MeshClient, pool: string, messages: ChatCompletionMessageParam[], stream: boolean, output: Output, onCompleted: (event: RequestCompletedEvent) => void): Promise<string> {
  if (!stream) {
    const completion = await mesh.chat.completions.create({ model: pool, messages }, { onCompleted });
    return completion.choices[0]?.message.content ?? '';
  }
  let text = '';
  let line = '';
  const chunks = await mesh.chat.completions.create({ model: pool, messages, stream: true }, { onCompleted });
  for await (const chunk of chunks) {
    const piece = chunk.choices[0]?.delta.content ?? '';
    text += piece;
    // Output is line-based: print each completed line as soon as it is complete.
    line += piece;
    const lines = line.split('\n');
    line = lines.pop() ?? '';
    for (const done of lines) output.line(done);
  }
  if (line !== '') output.line(line);
  return text;
}

function describeFailure(output: Output, failure: AttemptFailedEvent): string {
  return `${paint(output, 'yellow', '✗')} attempt ${failure.attempt}: ${failure.modelKey} (${failure.providerId}) failed: ${failure.error.name}: ${failure.error.message} → ${failure.next}`;
}

/** Sends the request; exit 0 with an answer, 1 when the mesh gave up (the typed error is printed by main). */
export async function chatCommand(output: Output, values: Readonly<Record<string, unknown>>, positionals: readonly string[]): Promise<number> {
  const [pool = '', prompt = ''] = positionals;
  const system = optionalString(values, 'system');
  const json = values['json'] === true;
  const mesh = await openMesh(pool, values);
  const failures: AttemptFailedEvent[] = [];
  let completed: RequestCompletedEvent | undefined;
  const unsubscribe = mesh.on('attempt.failed', (event) => failures.push(event));
  try {
    const messages: ChatCompletionMessageParam[] = [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user', content: prompt }];
    const text = await answer(mesh, pool, messages, values['stream'] === true && !json, output, (event) => (completed = event));
    const done = completed;
    if (json) {
      const summary = {
        content: text,
        model: done?.modelKey,
        provider: done?.providerId,
        modelId: done?.modelId,
        attempts: done?.attempts,
        failures: failures.map((f) => ({ attempt: f.attempt, model: f.modelKey, provider: f.providerId, error: f.error, next: f.next })),
        usage: done?.usage,
        costUsd: done?.cost,
      };
      output.line(JSON.stringify(summary, null, 2));
      return 0;
    }
    if (values['stream'] !== true) output.line(text);
    for (const failure of failures) output.error(describeFailure(output, failure));
    if (done) {
      const tokens = done.usage ? ` · ${done.usage.total_tokens} tokens` : '';
      const attempts = `${done.attempts} ${done.attempts === 1 ? 'attempt' : 'attempts'}`;
      output.error(`${paint(output, 'green', '✓')} answered by ${done.modelKey} (${done.modelId ?? '?'} via ${done.providerId}) · ${attempts}${tokens} · $${done.cost.toFixed(6)}`);
    }
    return 0;
  } catch (error) {
    // Show how the mesh got there before main prints the typed error.
    if (!json) for (const failure of failures) output.error(describeFailure(output, failure));
    throw error;
  } finally {
    unsubscribe();
    await mesh.close();
  }
}
