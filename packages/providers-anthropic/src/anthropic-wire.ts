// The parts of Anthropic's Messages API wire format this package sends and reads
// (https://platform.claude.com/docs/en/api/messages). Response types are what we rely on
// after narrowing; the API may send more fields and block types, which are ignored.

/** A text block. */
export interface AnthropicTextBlock {
  type: 'text';
  text: string;
}

/** An image block: base64 data or a URL the API fetches. */
export interface AnthropicImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
}

/** A PDF document block (from an OpenAI `file` part holding a base64 PDF). */
export interface AnthropicDocumentBlock {
  type: 'document';
  source: { type: 'base64'; media_type: 'application/pdf'; data: string };
  title?: string;
}

/** The assistant asking for a tool call. */
export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** The result of a tool call, sent in a user turn. */
export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  /** This package sends text; callers of Anthropic's API may send images too. */
  content?: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  /** The tool failed; Anthropic's API tells the model so. */
  is_error?: boolean;
}

/** Any block this package sends in `messages`. */
export type AnthropicContentBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock | AnthropicToolUseBlock | AnthropicToolResultBlock;

/** One turn of `messages`. */
export interface AnthropicMessageParam {
  role: 'user' | 'assistant';
  content: string | AnthropicContentBlock[];
}

/** A client tool definition. */
export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
}

/** How the model may use tools. */
export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** The body of `POST /v1/messages`. */
export interface AnthropicMessagesRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessageParam[];
  system?: string | AnthropicTextBlock[];
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  metadata?: { user_id: string };
  stream?: boolean;
}

/** Why the model stopped. New values may appear; unknown ones map to `stop`. */
export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

/** Token counts of a Message (cache fields are absent or null when caching was not used). */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** A content block of a response, narrowed to what we read. */
export type AnthropicResponseBlock = AnthropicTextBlock | AnthropicToolUseBlock | { type: string };

/** A Message: the non-streaming answer, and `message_start`'s payload. */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}
