import type { LanguageModelV3FinishReason } from '@ai-sdk/provider';

/** OpenAI's finish reason (as the mesh reports it for every vendor) in the AI SDK's terms. */
export function mapMeshFinishReason(raw: string | null | undefined): LanguageModelV3FinishReason {
  const known = raw ?? undefined;
  switch (known) {
    case 'stop':
      return { unified: 'stop', raw: known };
    case 'length':
      return { unified: 'length', raw: known };
    case 'tool_calls':
    case 'function_call':
      return { unified: 'tool-calls', raw: known };
    case 'content_filter':
      return { unified: 'content-filter', raw: known };
    default:
      return { unified: 'other', raw: known };
  }
}
