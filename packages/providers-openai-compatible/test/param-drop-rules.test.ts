import { describe, expect, it } from 'vitest';
import { applyParamDropRules, createWarnOnce, type ParamDropRule, type ProviderWarning } from '../src/internal.js';

function warnings() {
  const seen: ProviderWarning[] = [];
  return { seen, warn: createWarnOnce('acme', (w) => seen.push(w)) };
}

const reasoning: ParamDropRule = { params: ['stop', 'presence_penalty'], models: /-reasoner$/, label: 'reasoning models' };
const single: ParamDropRule = { params: ['n'], keep: (n) => n === null || n === 1, message: ({ provider }) => `Provider "${provider}" supports only n = 1` };

describe('applyParamDropRules', () => {
  it('drops parameters for the models a rule names, with one warning per rule and parameter', () => {
    const { seen, warn } = warnings();
    const body = { model: 'x-reasoner', stop: ['END'], presence_penalty: 1, temperature: 0 };
    expect(applyParamDropRules(body, 'chat', [reasoning], 'Acme', warn)).toEqual({ model: 'x-reasoner', temperature: 0 });
    expect(applyParamDropRules(body, 'chat-stream', [reasoning], 'Acme', warn)).toEqual({ model: 'x-reasoner', temperature: 0 });
    expect(seen).toEqual([
      { type: 'unsupported-param', providerId: 'acme', param: 'stop', message: 'Provider "Acme" does not support "stop" with reasoning models (x-reasoner); it was removed from the request' },
      { type: 'unsupported-param', providerId: 'acme', param: 'presence_penalty', message: 'Provider "Acme" does not support "presence_penalty" with reasoning models (x-reasoner); it was removed from the request' },
    ]);
    expect(body).toEqual({ model: 'x-reasoner', stop: ['END'], presence_penalty: 1, temperature: 0 });
  });

  it('leaves other models, bodies without a model and embeddings alone, returning the body itself', () => {
    const { seen, warn } = warnings();
    for (const body of [{ model: 'x-chat', stop: 'a' }, { stop: 'a' }]) expect(applyParamDropRules(body, 'chat', [reasoning], 'Acme', warn)).toBe(body);
    const embed = { model: 'x-reasoner', stop: 'a' };
    expect(applyParamDropRules(embed, 'embeddings', [reasoning], 'Acme', warn)).toBe(embed);
    expect(seen).toEqual([]);
  });

  it('keeps the values a rule accepts, and may word its own warning', () => {
    const { seen, warn } = warnings();
    expect(applyParamDropRules({ n: 1 }, 'chat', [single], 'Acme', warn)).toEqual({ n: 1 });
    expect(applyParamDropRules({ n: null }, 'chat', [single], 'Acme', warn)).toEqual({ n: null });
    expect(applyParamDropRules({ n: 3 }, 'chat', [single], 'Acme', warn)).toEqual({});
    expect(seen.map((w) => w.message)).toEqual(['Provider "Acme" supports only n = 1']);
  });

  it('names the model alone without a label, and applies to the kinds a rule lists', () => {
    const { seen, warn } = warnings();
    const rule: ParamDropRule = { params: ['user'], models: (model) => model.startsWith('embed'), kinds: ['embeddings'] };
    expect(applyParamDropRules({ model: 'embed-1', user: 'u' }, 'embeddings', [rule], 'Acme', warn)).toEqual({ model: 'embed-1' });
    expect(seen[0]?.message).toBe('Provider "Acme" does not support "user" with embed-1; it was removed from the request');
  });

  it('warns separately for two rules removing the same parameter', () => {
    const { seen, warn } = warnings();
    const rules: ParamDropRule[] = [
      { params: ['stop'], models: /^a/, label: 'A models' },
      { params: ['stop'], models: /^b/, label: 'B models' },
    ];
    applyParamDropRules({ model: 'a1', stop: 'x' }, 'chat', rules, 'Acme', warn);
    applyParamDropRules({ model: 'b1', stop: 'x' }, 'chat', rules, 'Acme', warn);
    applyParamDropRules({ model: 'a2', stop: 'x' }, 'chat', rules, 'Acme', warn);
    expect(seen.map((w) => w.message)).toEqual([
      'Provider "Acme" does not support "stop" with A models (a1); it was removed from the request',
      'Provider "Acme" does not support "stop" with B models (b1); it was removed from the request',
    ]);
  });
});

describe('createWarnOnce', () => {
  it('reports once per key, to console.warn by default', () => {
    const { seen, warn } = warnings();
    warn('k', 'p', 'first');
    warn('k', 'p', 'again');
    warn('k2', 'p', 'other reason');
    expect(seen.map((w) => w.message)).toEqual(['first', 'other reason']);
    const logged: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => logged.push(...args);
    try {
      createWarnOnce('acme', undefined)('k', 'p', 'to the console');
    } finally {
      console.warn = original;
    }
    expect(logged).toEqual(['[modelmesh] to the console']);
  });
});
