/** Options of {@link validateAnthropicRequest}. */
export interface AnthropicValidationOptions {
  /**
   * Require the first message to be a user turn and roles to alternate (default true). The live
   * API combines consecutive same-role turns itself; the fake is stricter so that a provider's
   * own repair is checked.
   */
  readonly strictAlternation?: boolean;
  /**
   * The request's `anthropic-version` (default `2023-06-01`). From `2026-10-21` on, the API
   * rejects `temperature`, `top_p` and `top_k` ("Extra inputs are not permitted").
   */
  readonly version?: string;
}

/** The first API version without sampling parameters. */
export const SAMPLING_REMOVED_VERSION = '2026-10-21';

/** Top-level parameters the Messages API accepts; anything else is "Extra inputs are not permitted". */
export const ANTHROPIC_REQUEST_PARAMS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'metadata',
  'thinking',
  'service_tier',
  'container',
  'mcp_servers',
  'context_management',
  'output_config',
  'cache_control',
  'inference_geo',
  'speed',
]);

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const BLOCK_TYPES = new Set(['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'search_result', 'server_tool_use', 'web_search_tool_result']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumberIn = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

function checkImage(block: Record<string, unknown>, at: string, issues: string[]): void {
  const source = block['source'];
  if (!isRecord(source)) return void issues.push(`${at}.source: Field required`);
  if (source['type'] === 'base64') {
    if (!IMAGE_TYPES.has(String(source['media_type']))) issues.push(`${at}.source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
    if (typeof source['data'] !== 'string' || source['data'] === '' || String(source['data']).startsWith('data:')) issues.push(`${at}.source.data: must be base64 data without a data: prefix`);
  } else if (source['type'] === 'url') {
    if (typeof source['url'] !== 'string' || !/^https?:\/\//.test(source['url'])) issues.push(`${at}.source.url: must be an http(s) URL`);
  } else {
    issues.push(`${at}.source.type: Input should be 'base64', 'url' or 'file'`);
  }
}

function checkBlock(block: unknown, at: string, role: string, issues: string[]): void {
  if (!isRecord(block) || typeof block['type'] !== 'string') return void issues.push(`${at}: Input should be a content block`);
  const type = block['type'];
  if (!BLOCK_TYPES.has(type)) return void issues.push(`${at}.type: unknown content block type '${type}'`);
  if (type === 'text' && (typeof block['text'] !== 'string' || !/\S/.test(block['text']))) issues.push(`${at}: text content blocks must contain non-whitespace text`);
  if (type === 'image') checkImage(block, at, issues);
  if (type === 'tool_use') {
    if (role !== 'assistant') issues.push(`${at}: tool_use blocks are only allowed in assistant messages`);
    if (typeof block['id'] !== 'string' || typeof block['name'] !== 'string') issues.push(`${at}: tool_use blocks need id and name`);
    if (!isRecord(block['input'])) issues.push(`${at}.input: Input should be a valid dictionary`);
  }
  if (type === 'tool_result') {
    if (role !== 'user') issues.push(`${at}: tool_result blocks are only allowed in user messages`);
    if (typeof block['tool_use_id'] !== 'string') issues.push(`${at}.tool_use_id: Field required`);
    const content = block['content'];
    if (content !== undefined && typeof content !== 'string' && !Array.isArray(content)) issues.push(`${at}.content: Input should be a string or a list of blocks`);
  }
}

function blocksOf(content: unknown): Record<string, unknown>[] {
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

function checkToolPairing(messages: readonly Record<string, unknown>[], issues: string[]): void {
  messages.forEach((message, index) => {
    const blocks = blocksOf(message['content']);
    if (message['role'] === 'user') {
      const results = blocks.filter((b) => b['type'] === 'tool_result');
      const firstOther = blocks.findIndex((b) => b['type'] !== 'tool_result');
      if (results.length > 0 && firstOther !== -1 && blocks.slice(firstOther).some((b) => b['type'] === 'tool_result')) {
        issues.push(`messages.${index}.content: tool_result blocks must come before any other content`);
      }
      const previous = messages[index - 1];
      const offered = new Set(blocksOf(previous?.['role'] === 'assistant' ? previous['content'] : undefined).filter((b) => b['type'] === 'tool_use').map((b) => b['id']));
      for (const result of results) {
        if (!offered.has(result['tool_use_id'])) {
          issues.push(
            `messages.${index}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(result['tool_use_id'])}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      }
    } else {
      const uses = blocks.filter((b) => b['type'] === 'tool_use').map((b) => b['id']);
      const next = messages[index + 1];
      if (uses.length === 0 || next === undefined) return;
      const answered = new Set(blocksOf(next['content']).filter((b) => b['type'] === 'tool_result').map((b) => b['tool_use_id']));
      const missing = uses.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        issues.push(`messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`);
      }
    }
  });
}

function checkMessages(value: unknown, options: AnthropicValidationOptions, issues: string[]): void {
  if (!Array.isArray(value)) return void issues.push('messages: Field required');
  if (value.length === 0) return void issues.push('messages: at least one message is required');
  const messages: Record<string, unknown>[] = [];
  value.forEach((message: unknown, index) => {
    const at = `messages.${index}`;
    if (!isRecord(message)) return void issues.push(`${at}: Input should be an object`);
    messages.push(message);
    const role = message['role'];
    if (role === 'system') {
      return void issues.push(`${at}.role: Unexpected role "system". The Messages API accepts a top-level \`system\` parameter, not "system" as an input message role.`);
    }
    if (role !== 'user' && role !== 'assistant') return void issues.push(`${at}.role: Input should be 'user' or 'assistant'`);
    const content = message['content'];
    if (typeof content === 'string') {
      if (!/\S/.test(content)) issues.push(`${at}: text content blocks must contain non-whitespace text`);
    } else if (Array.isArray(content)) {
      if (content.length === 0) issues.push(`${at}: all messages must have non-empty content except for the optional final assistant message`);
      content.forEach((block: unknown, b) => checkBlock(block, `${at}.content.${b}`, role, issues));
    } else {
      issues.push(`${at}.content: Field required`);
    }
    const previous = value[index - 1] as unknown;
    if ((options.strictAlternation ?? true) && (index === 0 ? role !== 'user' : isRecord(previous) && previous['role'] === role)) {
      issues.push(index === 0 ? `${at}: the first message must use the "user" role` : `${at}: roles must alternate between "user" and "assistant", but found multiple "${String(role)}" roles in a row`);
    }
  });
  const last = messages.at(-1);
  const lastText = typeof last?.['content'] === 'string' ? last['content'] : blocksOf(last?.['content']).at(-1)?.['text'];
  if (last?.['role'] === 'assistant' && typeof lastText === 'string' && /\s$/.test(lastText)) issues.push('messages: final assistant content cannot end with trailing whitespace');
  checkToolPairing(messages, issues);
}

function checkTools(body: Record<string, unknown>, issues: string[]): void {
  const tools = body['tools'];
  const names = new Set<string>();
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return void issues.push('tools: Input should be a valid list');
    tools.forEach((tool: unknown, index) => {
      if (!isRecord(tool)) return void issues.push(`tools.${index}: Input should be an object`);
      if (typeof tool['type'] === 'string' && tool['type'] !== 'custom') return; // a server tool (web_search_..., bash_...)
      const name = tool['name'];
      if (typeof name !== 'string' || !TOOL_NAME.test(name)) issues.push(`tools.${index}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
      else names.add(name);
      const schema = tool['input_schema'];
      if (!isRecord(schema) || schema['type'] !== 'object') issues.push(`tools.${index}.input_schema.type: Input should be 'object'`);
      for (const key of Object.keys(tool)) {
        if (!['name', 'description', 'input_schema', 'type', 'cache_control', 'strict', 'input_examples', 'defer_loading', 'allowed_callers', 'eager_input_streaming'].includes(key)) {
          issues.push(`tools.${index}.${key}: Extra inputs are not permitted`);
        }
      }
    });
  }
  const choice = body['tool_choice'];
  if (choice === undefined) return;
  if (!isRecord(choice) || !['auto', 'any', 'tool', 'none'].includes(String(choice['type']))) return void issues.push(`tool_choice: Input tag '${String(isRecord(choice) ? choice['type'] : choice)}' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`);
  if (choice['type'] === 'tool' && !names.has(String(choice['name']))) issues.push(`tool_choice: Tool '${String(choice['name'])}' not found in 'tools'`);
  if (choice['type'] === 'none' && 'disable_parallel_tool_use' in choice) issues.push('tool_choice.none.disable_parallel_tool_use: Extra inputs are not permitted');
}

/**
 * Checks a Messages API request body the way the API validates it, returning the problems in the
 * API's own words (empty when the body is valid): required `model`, `max_tokens` and `messages`;
 * roles (no `system` role), content blocks (non-empty text, base64 or URL images, tool blocks in
 * the right roles), `tool_use` / `tool_result` pairing and order, no trailing whitespace in a final
 * assistant turn, `system` as a string or text blocks, tools and `tool_choice`, sampling ranges, and
 * no parameter the API does not know (an OpenAI parameter leaking through is "Extra inputs are not
 * permitted"; from API version 2026-10-21 on, that includes `temperature`, `top_p` and `top_k`).
 * With `strictAlternation` (default) roles must alternate, starting with `user`.
 */
export function validateAnthropicRequest(body: unknown, options: AnthropicValidationOptions = {}): string[] {
  const issues: string[] = [];
  if (!isRecord(body)) return ['body: Input should be a JSON object'];
  const sampling = (options.version ?? '2023-06-01') < SAMPLING_REMOVED_VERSION;
  for (const key of Object.keys(body)) {
    const removed = !sampling && (key === 'temperature' || key === 'top_p' || key === 'top_k');
    if (removed || !ANTHROPIC_REQUEST_PARAMS.has(key)) issues.push(`${key}: Extra inputs are not permitted`);
  }
  if (typeof body['model'] !== 'string' || body['model'] === '') issues.push('model: Field required');
  if (!Number.isInteger(body['max_tokens']) || (body['max_tokens'] as number) < 1) issues.push('max_tokens: Field required (an integer ≥ 1)');
  checkMessages(body['messages'], options, issues);
  const system = body['system'];
  if (system !== undefined && typeof system !== 'string' && !(Array.isArray(system) && system.every((b) => isRecord(b) && b['type'] === 'text' && typeof b['text'] === 'string' && b['text'] !== ''))) {
    issues.push('system: Input should be a valid string or a list of non-empty text blocks');
  }
  checkTools(body, issues);
  const stops = body['stop_sequences'];
  if (stops !== undefined && !(Array.isArray(stops) && stops.every((s) => typeof s === 'string' && /\S/.test(s)))) issues.push('stop_sequences: each stop sequence must contain non-whitespace');
  if (body['temperature'] !== undefined && !isNumberIn(body['temperature'], 0, 1)) issues.push('temperature: Input should be between 0 and 1');
  if (body['top_p'] !== undefined && !isNumberIn(body['top_p'], 0, 1)) issues.push('top_p: Input should be between 0 and 1');
  if (body['stream'] !== undefined && typeof body['stream'] !== 'boolean') issues.push('stream: Input should be a valid boolean');
  const metadata = body['metadata'];
  if (metadata !== undefined && !(isRecord(metadata) && Object.keys(metadata).every((k) => k === 'user_id'))) issues.push('metadata: only user_id is permitted');
  return issues;
}
