import { describe, expect, it } from 'vitest';
import { closestNames } from '../src/closest-names.js';
import { editDistance } from '../src/edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['ocr', 'ocr', 0],
    ['kitten', 'sitting', 3],
    ['chat', 'chats', 1],
    ['chat', 'cat', 1],
    ['chat', 'chta', 1],
    ['chat-compleiton', 'chat-completion', 1],
    ['ca', 'abc', 3],
  ])('distance(%j, %j) = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('closestNames', () => {
  const names = ['chat', 'chat-completion', 'text-completion', 'rag', 'reranking', 'rewriting'];

  it('returns nothing for empty input', () => {
    expect(closestNames('', names)).toEqual([]);
  });

  it('allows only one edit for short inputs', () => {
    expect(closestNames('rog', names)).toEqual(['rag']);
    expect(closestNames('rxx', names)).toEqual([]);
  });

  it('allows more edits for longer inputs but not unrelated siblings', () => {
    expect(closestNames('chat-complteion', names)).toEqual(['chat-completion']);
  });

  it('fills remaining slots with names the input is a prefix of, shortest first', () => {
    expect(closestNames('re', names)).toEqual([]);
    expect(closestNames('rew', names)).toEqual(['rewriting']);
    expect(closestNames('chat-', names)).toEqual(['chat', 'chat-completion']);
  });

  it('ignores duplicate candidates', () => {
    expect(closestNames('chta', ['chat', 'chat', 'chat'])).toEqual(['chat']);
  });
});
