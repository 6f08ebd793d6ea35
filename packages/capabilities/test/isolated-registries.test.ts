import { describe, expect, it } from 'vitest';
import {
  CapabilityRegistry,
  createCapabilityRegistry,
  defaultCapabilityRegistry,
  isKnown,
  leaves,
  listAll,
  register,
  resolve,
  search,
  tree,
} from '../src/index.js';
import { expectedTree } from './expected-taxonomy.js';

describe('isolated registries', () => {
  it('are distinct CapabilityRegistry instances', () => {
    const first = createCapabilityRegistry();
    const second = createCapabilityRegistry();
    expect(first).toBeInstanceOf(CapabilityRegistry);
    expect(first).not.toBe(second);
    expect(first).not.toBe(defaultCapabilityRegistry);
  });

  it('do not leak registrations into the default registry or each other', () => {
    const first = createCapabilityRegistry();
    const second = createCapabilityRegistry();
    const defaultAliases = listAll();

    first.register('isolated.only-in-first');

    expect(first.resolve('only-in-first')).toBe('isolated.only-in-first');
    expect(second.isKnown('only-in-first')).toBe(false);
    expect(isKnown('only-in-first')).toBe(false);
    expect(listAll()).toEqual(defaultAliases);
    expect(tree()).toStrictEqual(expectedTree());
  });

  it('allow the same name to mean different paths in different registries', () => {
    const first = createCapabilityRegistry();
    const second = createCapabilityRegistry();
    first.register('team-a.summarise-ticket');
    second.register('team-b.summarise-ticket');

    expect(first.resolve('summarise-ticket')).toBe('team-a.summarise-ticket');
    expect(second.resolve('summarise-ticket')).toBe('team-b.summarise-ticket');
  });
});

describe('the default registry', () => {
  it('is what the package-level functions operate on', () => {
    register('default-only.shared-leaf');

    expect(defaultCapabilityRegistry.resolve('shared-leaf')).toBe('default-only.shared-leaf');
    expect(resolve('shared-leaf')).toBe('default-only.shared-leaf');
    expect(listAll()).toContain('shared-leaf');
    expect(search('shared')).toEqual(['shared-leaf']);
    expect(leaves('default-only')).toEqual(['default-only.shared-leaf']);
    expect(tree()['default-only']).toStrictEqual({ 'shared-leaf': {} });
  });

  it('does not seed new registries with its registrations', () => {
    register('default-only.another-leaf');
    const fresh = createCapabilityRegistry();

    expect(fresh.isKnown('another-leaf')).toBe(false);
    expect(fresh.isKnown('default-only')).toBe(false);
    expect(fresh.tree()).toStrictEqual(expectedTree());
  });
});
