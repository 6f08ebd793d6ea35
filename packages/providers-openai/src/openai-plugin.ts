import type { ProviderPlugin } from '@modelmesh/core';
import { settingsFromCreateOptions } from '@modelmesh/providers-openai-compatible';
import { openAIEnv } from './openai-env.js';
import { OPENAI_MODELS } from './openai-models.js';
import { createOpenAI, OPENAI_CONNECTOR } from './openai-provider.js';

/**
 * OpenAI for config and auto-detection: connector `openai.llm.v1` (alias `openai`),
 * enabled by `OPENAI_API_KEY`; `OPENAI_BASE_URL`, `OPENAI_ORG_ID` (or
 * `OPENAI_ORGANIZATION`) and `OPENAI_PROJECT_ID` are read too.
 */
export const providerPlugin: ProviderPlugin = {
  connector: OPENAI_CONNECTOR,
  aliases: ['openai'],
  vendor: 'OpenAI',
  envVars: ['OPENAI_API_KEY'],
  defaultId: 'openai',
  models: OPENAI_MODELS,
  detect(env) {
    const found = openAIEnv(env);
    return found.apiKey === undefined ? undefined : found;
  },
  create(options) {
    const { baseUrl, ...settings } = settingsFromCreateOptions(options);
    const fromEnv = openAIEnv(options.env ?? {});
    return createOpenAI({
      ...settings,
      // Only what config and options.env say: a plugin never reads process.env behind the mesh's back.
      env: {},
      apiKey: settings.apiKey ?? fromEnv.apiKey,
      baseUrl: baseUrl ?? fromEnv.baseUrl,
      organization: options.organization ?? fromEnv.organization,
      project: options.project ?? fromEnv.project,
    });
  },
};
