import { estimatePromptTokens } from '@modelmesh/core';
import { anthropicMessageFromCompletion } from '@modelmesh/providers-anthropic/internal';
import { sendJson } from '../http/send-response.js';
import { traceHeaders } from '../request-trace.js';
import { readParams, requestOptions, requireModel } from '../routes/request-params.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';
import { chatParamsOfMessages, messagesPrompt } from './messages-request.js';
import { streamMessages } from './messages-stream.js';

/**
 * `POST /v1/messages`: Anthropic's Messages API over the mesh. The request is translated to the
 * mesh's chat params, routed like a chat completion (pool access, key limits and budgets,
 * failover, middleware) and the answer translated back: a Message, or with `stream: true`
 * Anthropic's event stream. Errors are Anthropic-shaped (the route's dialect).
 */
export async function messages(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const body = await readParams(ctx, ex);
  const model = requireModel(body);
  const params = chatParamsOfMessages(body, model);
  ctx.access.authorize(ex.key, model);
  const options = requestOptions(ex);
  if (body['stream'] === true) {
    await streamMessages(ctx, ex, params, options);
    return;
  }
  const completion = await ctx.mesh.chat.completions.create(params, options);
  sendJson(ex.res, 200, anthropicMessageFromCompletion(completion), traceHeaders(ex.trace, true, ex.headers));
}

/** Tokens a tool definition is counted as: its JSON at ~4 characters a token, as prompts are. */
const toolTokens = (tools: readonly unknown[] | undefined): number => Math.ceil(JSON.stringify(tools ?? []).length / 4);

/**
 * `POST /v1/messages/count_tokens`: the mesh's own estimate of the prompt's tokens (the
 * estimator routing uses; no model is called, so it is not any vendor's tokenizer count). The
 * answer says so twice: `estimated: true` in the body and `x-modelmesh-token-count: estimate`.
 */
export async function countMessageTokens(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const body = await readParams(ctx, ex);
  const model = requireModel(body);
  ctx.access.authorize(ex.key, model);
  const prompt = messagesPrompt(body);
  const inputTokens = estimatePromptTokens(prompt.messages) + (prompt.tools === undefined ? 0 : toolTokens(prompt.tools));
  sendJson(ex.res, 200, { input_tokens: inputTokens, estimated: true }, { ...ex.headers, 'x-modelmesh-token-count': 'estimate' });
}
