import type { ChatCompletionChunk, ChatCompletionChunkDelta, ChatCompletionChunkToolCall } from '@modelmesh/provider';

/** What the caller of a broken stream already holds (choice 0). */
export interface DeliveredAnswer {
  readonly content: string;
  readonly toolCalls: ReadonlyArray<{ readonly id: string; readonly name: string; readonly arguments: string }>;
}

/** The continuation of a broken stream took another turn than what the caller holds. */
export class ReplayDivergedError extends Error {
  constructor(what: string) {
    super(`The restarted answer diverged from the text already delivered (${what})`);
    this.name = 'ReplayDivergedError';
  }
}

/** The part of `now` (an accumulating text) that `target` does not cover yet; throws when the two disagree. */
function beyond(target: string, before: number, now: string, what: string): string {
  const overlap = Math.min(target.length, now.length);
  if (now.slice(before, overlap) !== target.slice(before, overlap)) throw new ReplayDivergedError(what);
  return now.slice(Math.max(before, target.length));
}

/**
 * Shapes the chunks of the model a broken stream goes on on, so the caller sees one answer.
 * `restart` holds the output back until the new answer has reproduced what the caller holds
 * exactly (text, and tool calls by name and arguments), then passes on only what is new; a
 * difference throws {@link ReplayDivergedError}. `continue` (the model was given the text as a
 * prefill) passes on what it adds. Either way the chunks keep the first stream's id, the role is
 * not announced twice, and chunks left empty are dropped.
 */
export class StreamReplay {
  #content = '';
  readonly #tools = new Map<number, { name: string; arguments: string }>();
  #trimLeading: boolean;

  constructor(
    private readonly mode: 'continue' | 'restart',
    private readonly delivered: DeliveredAnswer,
    private readonly streamId: string,
  ) {
    // A prefill may lose its trailing whitespace on the way (Anthropic refuses it), so the model repeats it.
    this.#trimLeading = mode === 'continue' && /\s$/.test(delivered.content);
  }

  /** The chunk to pass on, or null when nothing of it is new. */
  shape(chunk: ChatCompletionChunk): ChatCompletionChunk | null {
    const choices = chunk.choices.flatMap((choice) => {
      if (choice.index !== 0) return [];
      // Continuing, other delta fields (e.g. DeepSeek's reasoning_content) pass on; restarting, they were said before.
      const { role: _role, content, tool_calls: _calls, ...other } = choice.delta;
      const delta: ChatCompletionChunkDelta = this.mode === 'continue' ? other : {};
      if (typeof content === 'string' && content !== '') {
        const added = this.mode === 'restart' ? this.#replayText(content) : this.#continueText(content);
        if (added !== '') delta.content = added;
      }
      const calls = (choice.delta.tool_calls ?? []).flatMap((call) => this.#toolCall(call));
      if (calls.length > 0) delta.tool_calls = calls;
      if (choice.finish_reason !== null) this.#requireReproduced();
      const empty = Object.keys(delta).length === 0 && choice.finish_reason === null;
      return empty ? [] : [{ ...choice, delta }];
    });
    if (choices.length === 0 && !chunk.usage) return null;
    return { ...chunk, id: this.streamId, choices };
  }

  #continueText(piece: string): string {
    if (!this.#trimLeading) return piece;
    const text = piece.trimStart();
    if (text !== '') this.#trimLeading = false;
    return text;
  }

  #replayText(piece: string): string {
    const before = this.#content.length;
    this.#content += piece;
    return beyond(this.delivered.content, before, this.#content, 'text');
  }

  #toolCall(call: ChatCompletionChunkToolCall): ChatCompletionChunkToolCall[] {
    const held = this.mode === 'restart' ? this.delivered.toolCalls[call.index] : undefined;
    if (!held) return [call];
    const state = this.#tools.get(call.index) ?? { name: '', arguments: '' };
    this.#tools.set(call.index, state);
    const name = call.function?.name ?? '';
    const args = call.function?.arguments ?? '';
    const nameBefore = state.name.length;
    const argsBefore = state.arguments.length;
    state.name += name;
    state.arguments += args;
    const newName = beyond(held.name, nameBefore, state.name, `tool call ${call.index} name`);
    const newArgs = beyond(held.arguments, argsBefore, state.arguments, `tool call ${call.index} arguments`);
    if (newName === '' && newArgs === '') return [];
    // The caller already has this call's id and type: only the new part of its function goes on.
    return [{ index: call.index, function: { ...(newName === '' ? {} : { name: newName }), ...(newArgs === '' ? {} : { arguments: newArgs }) } }];
  }

  #requireReproduced(): void {
    if (this.mode !== 'restart') return;
    if (this.#content.length < this.delivered.content.length) throw new ReplayDivergedError('it finished before reproducing the text');
    this.delivered.toolCalls.forEach((held, index) => {
      const state = this.#tools.get(index);
      if (!state || state.arguments.length < held.arguments.length) throw new ReplayDivergedError(`it finished before reproducing tool call ${index}`);
    });
  }
}
