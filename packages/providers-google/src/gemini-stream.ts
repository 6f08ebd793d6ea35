import type { ChatCompletionChunk, ChatCompletionChunkDelta, ChatCompletionFinishReason } from '@modelmesh/provider';
import type { GeminiCandidate, GeminiGenerateContentResponse, GeminiUsageMetadata } from './gemini-types.js';
import { malformed, readParts, responseKeyOf, toToolCall, type ResponseContext } from './gemini-response.js';
import { candidateBlockError, isFilteredCandidate, promptBlockError } from './gemini-safety.js';
import { isGoogleErrorPayload, mapGoogleErrorPayload } from './google-errors.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';
import { toolCallId } from './tool-call-ids.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the stream has said so far for one candidate. */
interface CandidateProgress {
  roleSent: boolean;
  /** Tool calls announced so far (the next one's OpenAI index). */
  calls: number;
  /** Text or tool calls were delivered. */
  delivered: boolean;
  finished: boolean;
}

/**
 * Turns the events of `streamGenerateContent?alt=sse` into OpenAI chunks as each event arrives.
 * Every Gemini event is a whole `GenerateContentResponse` holding the new text; per candidate the
 * chunks are: the role (`assistant`) with the first event, a content delta per event with text,
 * a tool-call delta per event with function calls (each call complete, with its id, name and
 * arguments), then an empty delta with the mapped finish reason. `usageMetadata` (repeated and
 * growing in every event) is reported once, by {@link GeminiStreamConverter.end}, as a final
 * `choices: []` chunk, as OpenAI does with `include_usage`.
 *
 * A refused prompt throws ContentFilteredError before anything is yielded; so does a candidate
 * withheld by a filter before it said anything (when no other candidate did). A filter stopping
 * an answer midway is the finish reason `content_filter`. An in-stream `{ "error": ... }` throws the mapped error.
 */
export class GeminiStreamConverter {
  private readonly candidates = new Map<number, CandidateProgress>();
  private key: string | undefined;
  private model: string;
  private usage: GeminiUsageMetadata | undefined;
  private readonly created: number;

  constructor(private readonly context: ResponseContext) {
    this.model = context.modelId;
    this.created = Math.floor(context.now / 1000);
  }

  /** Every candidate seen has finished: the answer is whole, whatever follows. */
  get complete(): boolean {
    return this.candidates.size > 0 && [...this.candidates.values()].every((c) => c.finished);
  }

  /** The chunks for one event, in order. */
  convert(event: unknown): ChatCompletionChunk[] {
    if (isGoogleErrorPayload(event)) throw mapGoogleErrorPayload(event, this.context);
    if (!isRecord(event)) throw malformed(this.context, 'sent a stream event that is not a GenerateContentResponse', event);
    const response = event as GeminiGenerateContentResponse;
    const blocked = promptBlockError(response, this.context);
    if (blocked) throw blocked;
    this.key ??= responseKeyOf(response, this.context.now);
    if (typeof response.modelVersion === 'string' && response.modelVersion !== '') this.model = response.modelVersion;
    if (isRecord(response.usageMetadata)) this.usage = response.usageMetadata;
    const chunks: ChatCompletionChunk[] = [];
    const list = Array.isArray(response.candidates) ? response.candidates.filter((c): c is GeminiCandidate => isRecord(c)) : [];
    list.forEach((candidate, position) => chunks.push(...this.candidateChunks(candidate, typeof candidate.index === 'number' ? candidate.index : position)));
    return chunks;
  }

  /** What follows the last event: the usage chunk, when Gemini reported usage. */
  end(): ChatCompletionChunk[] {
    if (this.usage === undefined) return [];
    return [{ ...this.base(), choices: [], usage: mapGeminiUsage(this.usage) }];
  }

  private candidateChunks(candidate: GeminiCandidate, index: number): ChatCompletionChunk[] {
    const progress = this.candidates.get(index) ?? { roleSent: false, calls: 0, delivered: false, finished: false };
    this.candidates.set(index, progress);
    if (progress.finished) return [];
    const { text, calls } = readParts(candidate.content?.parts);
    if (isFilteredCandidate(candidate) && text === '' && calls.length === 0 && !progress.delivered && !this.anyDelivered()) {
      throw candidateBlockError(candidate, this.context);
    }
    const chunks: ChatCompletionChunk[] = [];
    if (!progress.roleSent) {
      progress.roleSent = true;
      chunks.push(this.chunk(index, { role: 'assistant', content: text === '' && calls.length > 0 ? null : '' }));
    }
    if (text !== '') {
      progress.delivered = true;
      chunks.push(this.chunk(index, { content: text }));
    }
    if (calls.length > 0) {
      progress.delivered = true;
      const toolCalls = calls.map((found) => {
        const position = progress.calls++;
        const { id, type, function: fn, ...extra } = toToolCall(found, toolCallId(found.call.id, this.key ?? '', index, position));
        return { index: position, id, type, function: fn, ...extra };
      });
      chunks.push(this.chunk(index, { tool_calls: toolCalls }));
    }
    if (candidate.finishReason !== undefined) {
      progress.finished = true;
      chunks.push(this.chunk(index, {}, mapGeminiFinishReason(candidate.finishReason, progress.calls > 0)));
    }
    return chunks;
  }

  private anyDelivered(): boolean {
    return [...this.candidates.values()].some((c) => c.delivered);
  }

  private base(): Omit<ChatCompletionChunk, 'choices'> {
    return { id: `chatcmpl-${this.key ?? ''}`, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }

  private chunk(index: number, delta: ChatCompletionChunkDelta, finishReason: ChatCompletionFinishReason | null = null): ChatCompletionChunk {
    return { ...this.base(), choices: [{ index, delta, logprobs: null, finish_reason: finishReason }] };
  }
}
