import type { MeshConfigDocument } from '@modelmesh/core';
import type { DemoFleet } from './demo-fleet.js';

/** Demo cooldown: long enough to see a model sit out, short enough to see it come back. */
export const DEMO_COOLDOWN_MS = 1_500;

/**
 * The demo's configuration: one virtual model "chat" over three vendors, preferring the
 * OpenAI model, with a short cooldown so that recovery happens within the demo.
 * The API keys are placeholders: the local servers accept anything.
 */
export function demoConfig(fleet: DemoFleet): MeshConfigDocument {
  return {
    providers: {
      openai: { connector: 'openai.llm.v1', api_key: 'sk-demo-not-a-real-key', base_url: fleet.openaiUrl },
      anthropic: { connector: 'anthropic.claude.v1', api_key: 'sk-ant-demo-not-a-real-key', base_url: fleet.anthropicUrl },
      google: { connector: 'google.gemini.v1', api_key: 'demo-not-a-real-key', base_url: fleet.geminiUrl },
    },
    models: {
      'gpt-4o-mini': { provider: 'openai', capabilities: ['chat-completion'] },
      'claude-haiku-4-5': { provider: 'anthropic', capabilities: ['chat-completion'] },
      'gemini-2.5-flash': { provider: 'google', capabilities: ['chat-completion'] },
    },
    pools: {
      chat: {
        models: ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash'],
        strategy: 'priority',
        deactivation: { failure_threshold: 2 },
        recovery: { cooldown: `${DEMO_COOLDOWN_MS}ms`, jitter: 0 },
        retry: { max_attempts_per_model: 1, backoff: 'none' },
      },
    },
    // Shown on the status page: spend against a limit.
    budgets: [{ name: 'demo-daily', scope: 'global', limit_usd: 1, period: 'day' }],
  };
}
