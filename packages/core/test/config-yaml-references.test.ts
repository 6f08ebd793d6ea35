import { describe, expect, it } from 'vitest';
import { ConfigurationError, createMesh } from '../src/index.js';
import { issuesOf, onlyIssue, yaml } from './__fixtures__/config/config-issues.js';

// Issue 13, defect 6: alias and merge errors used to escape as a bare ReferenceError / Error.
describe('YAML aliases and merges', () => {
  it('reports an alias whose anchor is not defined, at the alias', () => {
    expect(onlyIssue(yaml('x-base: &base { capability: chat }', 'pools:', '  chat: *bsae'))).toEqual({
      path: 'pools.chat',
      line: 3,
      column: 9,
      message: 'YAML error: unknown anchor "bsae": an alias (*bsae) must come after the anchor (&bsae) it names',
    });
  });

  it('reports an alias used before its anchor', () => {
    expect(onlyIssue(yaml('pools:', '  chat: *base', 'x-base: &base { capability: chat }'))).toMatchObject({
      path: 'pools.chat',
      line: 2,
      column: 9,
      message: expect.stringContaining('unknown anchor "base"'),
    });
  });

  it('reports a merge of a scalar alias, at the merged value', () => {
    expect(onlyIssue(yaml('x-one: &one 1', 'pools:', '  chat:', '    <<: *one', '    capability: chat'))).toEqual({
      path: 'pools.chat.<<',
      line: 4,
      column: 9,
      message: 'YAML error: a merge (<<) takes a mapping or an alias of one (<<: *base), or a list of those; got an alias of the value "1"',
    });
  });

  it('reports each bad item of a merge list, and nothing for the good ones', () => {
    const issues = issuesOf(yaml('x-a: &a { capability: chat }', 'pools:', '  chat:', '    <<: [*a, 3, [1]]'));
    expect(issues.map((issue) => [issue.path, issue.line, issue.column, issue.message.replace(/.*; got /, '')])).toEqual([
      ['pools.chat.<<[1]', 4, 14, 'the value "3"'],
      ['pools.chat.<<[2]', 4, 17, 'a list'],
    ]);
  });

  it('reports a merge of an inline scalar or of nothing', () => {
    expect(onlyIssue('pools: { chat: { <<: 5 } }')).toMatchObject({ path: 'pools.chat.<<', line: 1, column: 22 });
    expect(onlyIssue(yaml('pools:', '  chat:', '    <<:'))).toMatchObject({ path: 'pools.chat.<<', message: expect.stringContaining('got an empty value') });
  });

  it('still merges mappings and lists of mappings', () => {
    expect(() => createMesh({ env: {}, config: yaml('x-a: &a { capability: chat }', 'x-b: &b { strategy: priority }', 'pools:', '  chat: { <<: [*a, *b] }') })).not.toThrow();
  });

  it('refuses an anchor that contains its own alias', () => {
    expect(onlyIssue(yaml('x-loop: &loop [*loop]'))).toMatchObject({ path: 'x-loop[0]', line: 1, message: 'the value contains itself (a circular reference)' });
  });

  it('refuses a document that expands aliases exponentially', () => {
    const lines = ['x-0: &l0 [1, 2]'];
    for (let i = 1; i <= 5; i++) lines.push(`x-${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
    expect(onlyIssue(yaml(...lines))).toEqual({ path: '', message: 'YAML error: more than 1000 alias expansions' });
  });

  it('refuses nesting deep enough to exhaust the parser', () => {
    const issues = issuesOf('['.repeat(20_000) + ']'.repeat(20_000));
    expect(issues.length).toBeGreaterThan(0);
  });

  it('throws the same ConfigurationError from createMesh', () => {
    expect(() => createMesh({ env: {}, config: yaml('pools:', '  chat: *nothing') })).toThrow(ConfigurationError);
  });
});
