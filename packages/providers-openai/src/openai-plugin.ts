import { createVendorPlugin } from '@modelmesh/providers-openai-compatible';
import { OPENAI_ENV, openAIEnv } from './openai-env.js';
import { OPENAI_MODELS } from './openai-models.js';
import { createOpenAI, OPENAI_CONNECTOR } from './openai-provider.js';

/**
 * OpenAI for config and auto-detection: connector `openai.llm.v1` (alias `openai`),
 * enabled by `OPENAI_API_KEY`; `OPENAI_BASE_URL`, `OPENAI_ORG_ID` (or
 * `OPENAI_ORGANIZATION`) and `OPENAI_PROJECT_ID` are read too.
 */
export const providerPlugin = createVendorPlugin({
  connector: OPENAI_CONNECTOR,
  aliases: ['openai'],
  vendor: 'OpenAI',
  defaultId: 'openai',
  models: OPENAI_MODELS,
  env: OPENAI_ENV,
  detectMore: (env) => {
    const { organization, project } = openAIEnv(env);
    return { ...(organization === undefined ? {} : { organization }), ...(project === undefined ? {} : { project }) };
  },
  create: (settings, options) => createOpenAI({ ...settings, organization: options.organization, project: options.project }),
});
