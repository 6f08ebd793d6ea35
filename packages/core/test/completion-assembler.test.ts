import { describe, expect, it } from 'vitest';
import { CompletionAssembler, type ChatCompletionChunk } from '../src/index.js';

type Choice = ChatCompletionChunk['choices'][number];

function chunk(choices: Choice[]): ChatCompletionChunk {
  return { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices };
}

describe('CompletionAssembler', () => {
  it('keeps several choices apart, whatever order their chunks interleave in, and lists them by index', () => {
    const assembler = new CompletionAssembler();
    assembler.add(chunk([{ index: 1, delta: { role: 'assistant', content: 'B1 ' }, finish_reason: null }]));
    assembler.add(chunk([{ index: 0, delta: { content: 'A1 ' }, finish_reason: null }]));
    assembler.add(chunk([{ index: 2, delta: { tool_calls: [{ index: 0, id: 't', type: 'function', function: { name: 'f', arguments: '{"a":' } }] }, finish_reason: null }]));
    assembler.add(chunk([{ index: 1, delta: { content: 'B2' }, finish_reason: null }, { index: 0, delta: { content: 'A2' }, finish_reason: null }]));
    expect(assembler.finished).toBe(false);
    assembler.add(chunk([{ index: 2, delta: { tool_calls: [{ index: 0, function: { arguments: '1}' } }] }, finish_reason: 'tool_calls' }]));
    expect(assembler.finished).toBe(true);
    const completion = assembler.toCompletion();
    expect(completion.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason])).toEqual([
      [0, 'A1 A2', 'stop'],
      [1, 'B1 B2', 'stop'],
      [2, null, 'tool_calls'],
    ]);
    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
    expect(completion.choices[2]?.message.tool_calls).toEqual([{ id: 't', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }]);
  });

  it('is finished once the first choice has a finish reason', () => {
    const assembler = new CompletionAssembler();
    assembler.add(chunk([{ index: 0, delta: { content: 'x' }, finish_reason: null }]));
    expect(assembler.finished).toBe(false);
    assembler.add(chunk([{ index: 0, delta: {}, finish_reason: 'length' }]));
    expect(assembler.finished).toBe(true);
    expect(assembler.toCompletion().choices).toHaveLength(1);
  });
});
