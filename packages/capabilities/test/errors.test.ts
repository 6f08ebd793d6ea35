import { describe, expect, it } from 'vitest';
import {
  CAPABILITY_ERROR_BRAND,
  CapabilityAliasConflictError,
  CapabilityError,
  InvalidCapabilityPathError,
  UnknownCapabilityError,
} from '../src/index.js';

const unknown = new UnknownCapabilityError('chat-compleiton', ['chat-completion']);
const invalid = new InvalidCapabilityPathError('Bad.Path', 'segment "Bad" is not lowercase');
const conflict = new CapabilityAliasConflictError(
  'chat',
  'custom.chat',
  'generation.text-generation.chat-completion',
);

describe('error brand', () => {
  it('is the registered symbol shared across package copies', () => {
    expect(CAPABILITY_ERROR_BRAND).toBe(Symbol.for('modelmesh.capabilities.error'));
    expect(unknown[CAPABILITY_ERROR_BRAND]).toBe(true);
  });

  it('lets CapabilityError.isInstance recognise every error of the package', () => {
    for (const error of [unknown, invalid, conflict])
      expect(CapabilityError.isInstance(error)).toBe(true);
  });

  it('lets each subclass recognise only its own kind', () => {
    expect(UnknownCapabilityError.isInstance(unknown)).toBe(true);
    expect(UnknownCapabilityError.isInstance(invalid)).toBe(false);
    expect(InvalidCapabilityPathError.isInstance(invalid)).toBe(true);
    expect(InvalidCapabilityPathError.isInstance(conflict)).toBe(false);
    expect(CapabilityAliasConflictError.isInstance(conflict)).toBe(true);
    expect(CapabilityAliasConflictError.isInstance(unknown)).toBe(false);
  });

  it('recognises errors from another copy of the package by brand, not prototype', () => {
    const foreign = Object.assign(new Error('from elsewhere'), {
      [Symbol.for('modelmesh.capabilities.error')]: true,
      code: 'UNKNOWN_CAPABILITY',
    });
    expect(foreign instanceof UnknownCapabilityError).toBe(false);
    expect(UnknownCapabilityError.isInstance(foreign)).toBe(true);
    expect(CapabilityError.isInstance(foreign)).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('Unknown capability')],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'UnknownCapabilityError'],
    [
      'an object with a different brand',
      { [Symbol('modelmesh.capabilities.error')]: true, code: 'UNKNOWN_CAPABILITY' },
    ],
    ['an object whose brand is not true', { [Symbol.for('modelmesh.capabilities.error')]: 'yes' }],
  ])('rejects %s', (_label, value) => {
    expect(CapabilityError.isInstance(value)).toBe(false);
    expect(UnknownCapabilityError.isInstance(value)).toBe(false);
  });
});

describe('error shape', () => {
  it('is a real Error with a class name and stable code', () => {
    expect(unknown).toBeInstanceOf(Error);
    expect(unknown).toBeInstanceOf(CapabilityError);
    expect([unknown.name, unknown.code]).toEqual(['UnknownCapabilityError', 'UNKNOWN_CAPABILITY']);
    expect([invalid.name, invalid.code]).toEqual([
      'InvalidCapabilityPathError',
      'INVALID_CAPABILITY_PATH',
    ]);
    expect([conflict.name, conflict.code]).toEqual([
      'CapabilityAliasConflictError',
      'CAPABILITY_ALIAS_CONFLICT',
    ]);
    expect(String(unknown)).toBe(
      'UnknownCapabilityError: Unknown capability "chat-compleiton". Did you mean "chat-completion"?',
    );
  });

  it('does not share the suggestions array passed in', () => {
    const suggestions = ['chat-completion'];
    const error = new UnknownCapabilityError('chat-compleiton', suggestions);
    suggestions.push('mutated');
    expect(error.suggestions).toEqual(['chat-completion']);
    expect(Object.isFrozen(error.suggestions)).toBe(true);
  });
});

describe('toJSON', () => {
  it('serialises an UnknownCapabilityError with its details and no stack', () => {
    expect(unknown.toJSON()).toStrictEqual({
      name: 'UnknownCapabilityError',
      code: 'UNKNOWN_CAPABILITY',
      message: 'Unknown capability "chat-compleiton". Did you mean "chat-completion"?',
      capability: 'chat-compleiton',
      suggestions: ['chat-completion'],
    });
  });

  it('serialises an InvalidCapabilityPathError', () => {
    expect(invalid.toJSON()).toStrictEqual({
      name: 'InvalidCapabilityPathError',
      code: 'INVALID_CAPABILITY_PATH',
      message: 'Invalid capability path "Bad.Path": segment "Bad" is not lowercase.',
      path: 'Bad.Path',
      reason: 'segment "Bad" is not lowercase',
    });
  });

  it('serialises a CapabilityAliasConflictError', () => {
    expect(conflict.toJSON()).toStrictEqual({
      name: 'CapabilityAliasConflictError',
      code: 'CAPABILITY_ALIAS_CONFLICT',
      message:
        'Cannot register capability "custom.chat": the name "chat" already refers to "generation.text-generation.chat-completion".',
      alias: 'chat',
      path: 'custom.chat',
      existingPath: 'generation.text-generation.chat-completion',
    });
  });

  it('is what JSON.stringify uses', () => {
    expect(JSON.parse(JSON.stringify(unknown))).toStrictEqual(unknown.toJSON());
    expect(JSON.stringify(invalid)).not.toContain('stack');
  });
});
