import { describe, expect, it } from 'vitest';
import { createCapabilityRegistry } from '../src/index.js';
import { expectedTree } from './expected-taxonomy.js';

describe('register: new nodes', () => {
  it('creates a new category with its leaf and makes the leaf name an alias', () => {
    const registry = createCapabilityRegistry();
    expect(registry.register('compliance.pii-detection')).toBe('compliance.pii-detection');

    expect(registry.resolveDetailed('pii-detection')).toEqual({
      input: 'pii-detection',
      path: 'compliance.pii-detection',
      deprecated: false,
      via: 'alias',
    });
    expect(registry.resolve('compliance')).toBe('compliance');
    expect(registry.listAll()).toContain('pii-detection');
    expect(registry.listAll()).not.toContain('compliance');
    expect(registry.tree()['compliance']).toStrictEqual({ 'pii-detection': {} });
    expect(registry.ancestors('pii-detection')).toEqual(['compliance']);
    expect(registry.leaves('compliance')).toEqual(['compliance.pii-detection']);
    expect(registry.search('pii')).toEqual(['pii-detection']);
  });

  it('creates every missing intermediate node', () => {
    const registry = createCapabilityRegistry();
    registry.register('compliance.privacy.pii-redaction');

    expect(registry.listPaths()).toEqual(
      expect.arrayContaining([
        'compliance',
        'compliance.privacy',
        'compliance.privacy.pii-redaction',
      ]),
    );
    expect(registry.resolveDetailed('privacy')).toMatchObject({
      path: 'compliance.privacy',
      via: 'node-name',
    });
    expect(registry.listAll()).not.toContain('privacy');
    expect(registry.descendants('compliance')).toEqual([
      'compliance.privacy',
      'compliance.privacy.pii-redaction',
    ]);
  });

  it('adds a leaf under an existing canonical group', () => {
    const registry = createCapabilityRegistry();
    registry.register('generation.text-generation.poetry');

    expect(registry.resolve('poetry')).toBe('generation.text-generation.poetry');
    expect(registry.isWithin('poetry', 'text-generation')).toBe(true);
    expect(registry.leaves('text-generation')).toContain('generation.text-generation.poetry');
    expect(Object.keys(registry.tree()['generation']?.['text-generation'] ?? {}).at(-1)).toBe(
      'poetry',
    );
  });

  it('can refine an existing leaf, which keeps its alias', () => {
    const registry = createCapabilityRegistry();
    registry.register('transformation.translation.legal-translation');

    expect(registry.resolve('translation')).toBe('transformation.translation');
    expect(registry.listAll()).toContain('translation');
    expect(registry.leaves('translation')).toEqual([
      'transformation.translation.legal-translation',
    ]);
    expect(registry.isWithin('legal-translation', 'translation')).toBe(true);
  });

  it('registers a single-segment path as a new category that is its own alias', () => {
    const registry = createCapabilityRegistry();
    registry.register('safety');

    expect(registry.resolveDetailed('safety')).toMatchObject({ path: 'safety', via: 'path' });
    expect(registry.listAll()).toContain('safety');
    expect(registry.leaves('safety')).toEqual(['safety']);
  });

  it('trims the input before registering', () => {
    const registry = createCapabilityRegistry();
    expect(registry.register('  compliance.audit-logging ')).toBe('compliance.audit-logging');
    expect(registry.resolve('audit-logging')).toBe('compliance.audit-logging');
  });

  it('leaves a taken intermediate name with its existing owner', () => {
    const registry = createCapabilityRegistry();
    registry.register('custom.search.vector-search');

    expect(registry.resolve('search')).toBe('retrieval.search');
    expect(registry.resolve('custom.search')).toBe('custom.search');
    expect(registry.resolve('vector-search')).toBe('custom.search.vector-search');
  });

  it('gives the leaf priority over a new intermediate with the same name', () => {
    const registry = createCapabilityRegistry();
    registry.register('custom.bar.bar');

    expect(registry.resolve('bar')).toBe('custom.bar.bar');
    expect(registry.resolve('custom.bar')).toBe('custom.bar');
  });

  it('may create a path below a deprecated synonym leaf without changing the synonym', () => {
    const registry = createCapabilityRegistry();
    registry.register('representation.image.photo-tagging');

    expect(registry.resolve('representation.image')).toBe('representation.image');
    expect(registry.resolveDetailed('representation.image.image-to-text')).toMatchObject({
      path: 'understanding.vision-understanding.image-to-text',
      deprecated: true,
    });
  });
});

describe('register: idempotence', () => {
  it('returns the same path and changes nothing when repeated', () => {
    const registry = createCapabilityRegistry();
    registry.register('compliance.pii-detection');
    const tree = registry.tree();
    const aliases = registry.listAll();

    expect(registry.register('compliance.pii-detection')).toBe('compliance.pii-detection');
    expect(registry.tree()).toStrictEqual(tree);
    expect(registry.listAll()).toEqual(aliases);
  });

  it('treats canonical paths as already registered', () => {
    const registry = createCapabilityRegistry();
    expect(registry.register('generation.text-generation.chat-completion')).toBe(
      'generation.text-generation.chat-completion',
    );
    expect(registry.register('generation.text-generation')).toBe('generation.text-generation');
    expect(registry.register('generation')).toBe('generation');

    expect(registry.tree()).toStrictEqual(expectedTree());
    expect(registry.listAll()).not.toContain('text-generation');
  });
});
