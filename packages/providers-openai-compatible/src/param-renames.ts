import type { RequestKind } from './openai-compatible-settings.js';

/** `{ from: to }`: OpenAI parameter names and the vendor's names for them. */
export type ParamRenameMap = Readonly<Record<string, string>>;

/**
 * OpenAI parameters a vendor knows under another name, per kind of request.
 *
 * @example
 * ```ts
 * const renames: ParamRenames = {
 *   chat: { max_completion_tokens: 'max_tokens', seed: 'random_seed' },
 *   embeddings: { dimensions: 'output_dimension' },
 * };
 * ```
 */
export interface ParamRenames {
  /** For chat requests, streamed or not. */
  readonly chat?: ParamRenameMap;
  /** For embeddings requests. */
  readonly embeddings?: ParamRenameMap;
}

/** The renames that apply to one kind of request. */
function renamesFor(renames: ParamRenames, kind: RequestKind): ParamRenameMap | undefined {
  return kind === 'embeddings' ? renames.embeddings : renames.chat;
}

/**
 * `body` with each parameter of `renames` that is set moved to the vendor's name. A value
 * the caller set under the vendor's name already wins (e.g. an explicit `max_tokens` over
 * `max_completion_tokens`), and the OpenAI name is then simply removed. Returns `body`
 * itself when nothing needs renaming, otherwise a copy.
 */
export function renameParams(body: Record<string, unknown>, kind: RequestKind, renames: ParamRenames | undefined): Record<string, unknown> {
  const map = renames === undefined ? undefined : renamesFor(renames, kind);
  if (map === undefined) return body;
  let out = body;
  for (const [from, to] of Object.entries(map)) {
    if (out[from] === undefined) continue;
    if (out === body) out = { ...body };
    if (out[to] === undefined) out[to] = out[from];
    delete out[from];
  }
  return out;
}
