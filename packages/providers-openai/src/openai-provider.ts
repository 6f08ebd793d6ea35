import { createOpenAICompatibleFactory, runtimeEnv, type OpenAICompatibleProvider, type OpenAICompatibleVendor } from '@modelmesh/providers-openai-compatible/internal';
import { OPENAI_ENV, openAIOrganization, openAIProject } from './openai-env.js';
import { OPENAI_MODELS } from './openai-models.js';
import type { OpenAISettings } from './openai-settings.js';

/** OpenAI's connector id. */
export const OPENAI_CONNECTOR = 'openai.llm.v1';

/** OpenAI's public API. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** What every OpenAI instance shares; the organization and project headers are per instance. */
const OPENAI: OpenAICompatibleVendor = {
  connector: OPENAI_CONNECTOR,
  name: 'OpenAI',
  defaultId: 'openai',
  baseUrl: OPENAI_BASE_URL,
  env: OPENAI_ENV,
  models: OPENAI_MODELS,
};

/**
 * Creates an OpenAI provider. Requests use OpenAI's own wire format unchanged: tools and
 * `tool_choice`, `parallel_tool_calls`, image content parts, `response_format`
 * (`json_object`, `json_schema`), `n`, `seed`, `logprobs`/`top_logprobs` and any newer
 * parameter go through as given. Streams add `stream_options.include_usage` so usage and
 * cost are always known.
 *
 * @example
 * ```ts
 * const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY, project: 'proj_123' });
 * const mesh = createMesh({ providers: [{ provider: openai, models: openai.models }] });
 * ```
 */
export function createOpenAI(settings: OpenAISettings = {}): OpenAICompatibleProvider {
  const { organization: org, project: proj, ...rest } = settings;
  const env = settings.env ?? runtimeEnv();
  const organization = org ?? openAIOrganization(env);
  const project = proj ?? openAIProject(env);
  const headers: Record<string, string> = {};
  if (organization !== undefined) headers['OpenAI-Organization'] = organization;
  if (project !== undefined) headers['OpenAI-Project'] = project;
  return createOpenAICompatibleFactory({ ...OPENAI, headers })(rest);
}
