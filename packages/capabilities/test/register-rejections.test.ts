import { describe, expect, it } from 'vitest';
import {
  CapabilityAliasConflictError,
  createCapabilityRegistry,
  InvalidCapabilityPathError,
} from '../src/index.js';
import { captureThrown } from './capture-thrown.js';
import { expectedTree } from './expected-taxonomy.js';

describe('register: name conflicts', () => {
  it.each([
    ['custom.chat-completion', 'chat-completion', 'generation.text-generation.chat-completion'],
    ['custom.chat', 'chat', 'generation.text-generation.chat-completion'],
    ['custom.embeddings', 'embeddings', 'representation.embeddings'],
    ['custom.text-generation', 'text-generation', 'generation.text-generation'],
    ['custom.generation', 'generation', 'generation'],
  ])('rejects %s because "%s" already means %s', (path, alias, existingPath) => {
    const registry = createCapabilityRegistry();
    const error = captureThrown(() => registry.register(path));

    expect(error).toBeInstanceOf(CapabilityAliasConflictError);
    expect(error).toMatchObject({ alias, path, existingPath, code: 'CAPABILITY_ALIAS_CONFLICT' });
    expect((error as Error).message).toBe(
      `Cannot register capability "${path}": the name "${alias}" already refers to "${existingPath}".`,
    );
  });

  it('rejects a new category whose bare name is already taken', () => {
    const registry = createCapabilityRegistry();
    expect(() => registry.register('text-generation.custom-leaf')).toThrow(
      CapabilityAliasConflictError,
    );
    expect(() => registry.register('chat.custom-leaf')).toThrow(CapabilityAliasConflictError);
    expect(() => registry.register('ocr')).toThrow(CapabilityAliasConflictError);
  });

  it('rejects a leaf that would share its name with its own new category', () => {
    const registry = createCapabilityRegistry();
    expect(() => registry.register('foo.foo')).toThrow(CapabilityAliasConflictError);
    expect(registry.isKnown('foo')).toBe(false);
  });

  it('rejects a name claimed by an earlier registration', () => {
    const registry = createCapabilityRegistry();
    registry.register('compliance.pii-detection');
    expect(() => registry.register('security.pii-detection')).toThrow(CapabilityAliasConflictError);
    expect(() => registry.register('security.compliance')).toThrow(CapabilityAliasConflictError);
  });

  it('leaves the registry untouched when a registration fails', () => {
    const registry = createCapabilityRegistry();
    expect(() => registry.register('custom.deeper.chat')).toThrow(CapabilityAliasConflictError);

    expect(registry.tree()).toStrictEqual(expectedTree());
    expect(registry.isKnown('custom')).toBe(false);
    expect(registry.isKnown('deeper')).toBe(false);
    expect(registry.resolve('chat')).toBe('generation.text-generation.chat-completion');
  });
});

describe('register: invalid paths', () => {
  it.each([
    ['', 'the path is empty'],
    ['   ', 'the path is empty'],
    ['compliance..pii', 'segment 2 is empty'],
    ['.compliance', 'segment 1 is empty'],
    ['compliance.', 'segment 2 is empty'],
  ])('rejects %j: %s', (path, reason) => {
    const registry = createCapabilityRegistry();
    const error = captureThrown(() => registry.register(path));

    expect(error).toBeInstanceOf(InvalidCapabilityPathError);
    expect(error).toMatchObject({ path, reason, code: 'INVALID_CAPABILITY_PATH' });
  });

  it.each([
    'Compliance.pii-detection',
    'compliance.PII',
    'compliance.pii_detection',
    'compliance.pii detection',
    'compliance/pii',
    'compliance.-pii',
    'compliance.pii-',
    'compliance.pii--detection',
    'compliance.ünïcode',
  ])('rejects malformed segments in %j', (path) => {
    const registry = createCapabilityRegistry();
    expect(() => registry.register(path)).toThrow(InvalidCapabilityPathError);
    expect(registry.tree()).toStrictEqual(expectedTree());
  });

  it('accepts digits and single hyphens', () => {
    const registry = createCapabilityRegistry();
    expect(registry.register('gen2.x-ray-v2.3d-render')).toBe('gen2.x-ray-v2.3d-render');
  });

  it('names the offending segment in the message', () => {
    const registry = createCapabilityRegistry();
    expect(() => registry.register('compliance.PII')).toThrow(
      'Invalid capability path "compliance.PII": segment "PII" must use lowercase letters, digits and single hyphens',
    );
  });

  it('rejects non-string input from untyped callers', () => {
    const registry = createCapabilityRegistry();
    expect(() => registry.register(42 as unknown as string)).toThrow(InvalidCapabilityPathError);
  });

  it.each([
    'generation.audio',
    'generation.audio.sound-effects',
    'representation.image.image-to-text',
  ])('rejects %s, which a deprecated synonym already claims', (path) => {
    const registry = createCapabilityRegistry();
    expect(() => registry.register(path)).toThrow(/reserved as a deprecated synonym/);
    expect(registry.resolve('generation.audio')).toBe('generation.audio-generation');
  });
});
