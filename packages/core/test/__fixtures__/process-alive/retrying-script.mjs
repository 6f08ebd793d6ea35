// A plain Node script, as a user writes one: one request through the BUILT core, on the real
// clock, with nothing else keeping the event loop alive. The provider is a few lines over
// `fetch`. Arguments: the fake vendor's base URL, and `probing` for background health probes. Prints the answer; exit code 13 means Node
// found nothing left to wait on while the request was still pending.
import { createMesh, ProviderHttpError, RateLimitError } from '../../../dist/index.js';

const [baseUrl, probing] = process.argv.slice(2);

const provider = {
  id: 'fake',
  connector: 'fake.llm.v1',
  async chat(request, call) {
    const response = await fetch(`${baseUrl}/chat`, { method: 'POST', body: JSON.stringify(request), signal: call.signal });
    if (response.status === 429) {
      await response.text();
      throw new RateLimitError({ providerId: 'fake', modelId: request.model, status: 429, retryAfter: Number(response.headers.get('retry-after')) });
    }
    if (!response.ok) {
      await response.text();
      throw new ProviderHttpError({ providerId: 'fake', modelId: request.model, status: response.status });
    }
    return response.json();
  },
  chatStream() {
    throw new Error('not used');
  },
};

const client = createMesh({
  providers: [{ provider, models: [{ id: 'model-a', capabilities: ['chat-completion'] }] }],
  // A fixed backoff, so the retry of a 503 always sleeps (jitter could draw 0 ms).
  config: {
    models: { 'model-a': { provider: 'fake', capabilities: ['chat-completion'] } },
    pools: { chat: { models: ['model-a'], retry: { backoff: 'fixed', initial_delay: '300ms' }, ...(probing === 'probing' ? { recovery: { probe_interval: '1s' } } : {}) } },
  },
});
const completion = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
console.log(`answer: ${completion.choices[0].message.content}`);
