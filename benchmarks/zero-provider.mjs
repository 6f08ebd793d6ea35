// A provider that answers at once, for benchmarks that measure everything around the call.

const completion = {
  id: 'cmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'bench-model',
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'ok', refusal: null } }],
  usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
};
const chunk = (delta, finish = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-model', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
const chunks = [chunk({ role: 'assistant', content: '' }), chunk({ content: 'o' }), chunk({ content: 'k' }), chunk({}, 'stop'), { ...chunk({}), choices: [], usage: completion.usage }];

/** A provider that answers at once: what is measured is everything around it. */
export const zeroProvider = {
  id: 'zero',
  connector: 'bench.llm.v1',
  async chat() {
    return { ...completion, usage: { ...completion.usage } };
  },
  async chatStream() {
    return (async function* () {
      yield* chunks;
    })();
  },
};

