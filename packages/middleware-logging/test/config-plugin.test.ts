import { ConfigurationError, ManualClock, type MiddlewarePluginContext } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { formattedSink, middlewarePlugin } from '../src/index.js';

const context: MiddlewarePluginContext = { path: 'middleware[0].options', env: {}, clock: new ManualClock(), logLevel: 'info' };

function issuesOf(options: Record<string, unknown>): string[] {
  try {
    middlewarePlugin.create(options, context);
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('the logging entry of a config', () => {
  it('accepts its options', () => {
    expect(issuesOf({ level: 'debug', format: 'json', destination: 'stderr', content: { max_chars: 50 } })).toEqual([]);
  });

  it('refuses bad options, each at its path', () => {
    expect(issuesOf({ level: 'loud', format: 'xml', destination: 'file', content: { max: 1 }, colour: true })).toEqual([
      'middleware[0].options.colour: unknown option "colour"; expected one of level, format, destination, content',
      'middleware[0].options.level: expected debug, info, warn, error or silent',
      'middleware[0].options.format: expected auto, json or pretty',
      'middleware[0].options.destination: expected stdout or stderr',
      'middleware[0].options.content: expected true, false or { max_chars: <positive integer> }',
    ]);
  });
});

describe('formats', () => {
  it('auto is human-readable on a terminal and JSON otherwise', () => {
    const lines: string[] = [];
    const terminal = { isTTY: true, write: (text: string) => lines.push(text) };
    const pipe = { isTTY: false, write: (text: string) => lines.push(text) };
    const record = { pool: 'chat', model: 'gpt-4o', provider: 'openai', latencyMs: 12, tokens: { input: 3, output: 4 }, cost: 0.5, requestId: 'req_1' };
    formattedSink('auto', terminal).info(record, 'request completed');
    formattedSink('auto', pipe).info(record, 'request completed');
    expect(lines[0]).toContain('request completed  chat → gpt-4o (openai)  12ms  3+4 tok  $0.500000  [req_1]');
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ level: 'info', msg: 'request completed', pool: 'chat', requestId: 'req_1' });
  });
});

describe('the logging middleware from observability', () => {
  it('takes observability.config as its options, with errors at their path there', async () => {
    const { createMesh } = await import('@modelmesh/core');
    expect(() => createMesh({ middlewarePlugins: [middlewarePlugin], config: { observability: { connector: 'modelmesh.console.v1', config: { level: 'loud' } } } })).toThrow(
      /observability\.config\.level: expected debug, info, warn, error or silent/,
    );
  });
});
