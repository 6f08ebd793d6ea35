import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@modelmesh/provider';
import { priorityStrategy } from '../src/strategies/index.js';
import { candidate, context, Driver, keys, pool, without } from './strategies-fixtures.js';

describe('priority', () => {
  it('sorts by priority, ties by index', () => {
    const candidates = [
      candidate('a', 0, { priority: 2 }),
      candidate('b', 1, { priority: 1 }),
      candidate('c', 2, { priority: 0 }),
      candidate('d', 3, { priority: 1 }),
    ];
    const selection = priorityStrategy.select(candidates, context());
    expect(keys(selection)).toEqual(['c', 'b', 'd', 'a']);
    expect(selection.reason).toBe('c is the highest-priority candidate (priority 0)');
    expect(selection.memory).toBeUndefined();
  });

  it('returns to the top model as soon as it is back', () => {
    const abc = pool('a', 'b', 'c');
    const driver = new Driver(priorityStrategy);
    expect(driver.pick(abc)).toBe('a');
    expect(driver.pick(without(abc, 'a'))).toBe('b');
    expect(driver.pick(without(abc, 'a', 'b'))).toBe('c');
    expect(driver.pick(without(abc, 'a'))).toBe('b');
    expect(driver.pick(abc)).toBe('a');
    expect(driver.memory).toEqual({});
  });

  it('lets modelPriority override priority: listed first, in list order', () => {
    const selection = priorityStrategy.select(pool('a', 'b', 'c', 'd'), context({ options: { modelPriority: ['c', 'a'] } }));
    expect(keys(selection)).toEqual(['c', 'a', 'b', 'd']);
    expect(selection.reason).toBe('c is the highest-priority candidate (modelPriority #1)');
    const withoutC = priorityStrategy.select(pool('a', 'b', 'd'), context({ options: { modelPriority: ['c', 'a'] } }));
    expect(withoutC.reason).toBe('a is the highest-priority candidate (modelPriority #2)');
  });

  it('matches modelPriority entries against modelId too, and breaks ties with providerPriority', () => {
    const candidates = [
      candidate('openrouter.gpt-4o', 0, { modelId: 'gpt-4o', providerId: 'openrouter' }),
      candidate('anthropic.claude', 1, { modelId: 'claude', providerId: 'anthropic' }),
      candidate('openai.gpt-4o', 2, { modelId: 'gpt-4o', providerId: 'openai' }),
    ];
    const options = { modelPriority: ['gpt-4o'], providerPriority: ['openai'] };
    expect(keys(priorityStrategy.select(candidates, context({ options })))).toEqual([
      'openai.gpt-4o',
      'openrouter.gpt-4o',
      'anthropic.claude',
    ]);
  });

  it('uses providerPriority as a key ranked above priority', () => {
    const candidates = [
      candidate('a', 0, { providerId: 'x' }),
      candidate('b', 1, { providerId: 'y' }),
      candidate('c', 2, { providerId: 'z' }),
    ];
    const selection = priorityStrategy.select(candidates, context({ options: { providerPriority: ['z', 'y'] } }));
    expect(keys(selection)).toEqual(['c', 'b', 'a']);
    expect(selection.reason).toBe('c is the highest-priority candidate (providerPriority #1, provider z)');
  });

  it('rejects a malformed modelPriority with a ConfigurationError naming the pool', () => {
    const run = () => priorityStrategy.select(pool('a'), context({ poolName: 'fast', options: { modelPriority: 'a' } }));
    expect(run).toThrow(ConfigurationError);
    expect(run).toThrow(/pools\.fast\.strategy: priority option "modelPriority" must be a list of strings; got "a"/);
  });
});
