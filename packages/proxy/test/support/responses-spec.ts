import { validateOpenAI } from '@modelmesh/testing/servers';
import { expect } from 'vitest';

/** The spec's schema of each Responses stream event type the proxy sends. */
const EVENT_SCHEMAS: Readonly<Record<string, string>> = {
  'response.created': 'ResponseCreatedEvent',
  'response.in_progress': 'ResponseInProgressEvent',
  'response.output_item.added': 'ResponseOutputItemAddedEvent',
  'response.output_item.done': 'ResponseOutputItemDoneEvent',
  'response.content_part.added': 'ResponseContentPartAddedEvent',
  'response.content_part.done': 'ResponseContentPartDoneEvent',
  'response.output_text.delta': 'ResponseTextDeltaEvent',
  'response.output_text.done': 'ResponseTextDoneEvent',
  'response.function_call_arguments.delta': 'ResponseFunctionCallArgumentsDeltaEvent',
  'response.function_call_arguments.done': 'ResponseFunctionCallArgumentsDoneEvent',
  'response.completed': 'ResponseCompletedEvent',
  'response.incomplete': 'ResponseIncompleteEvent',
  'response.failed': 'ResponseFailedEvent',
  error: 'ResponseErrorEvent',
};

/** Asserts that a value is valid against a schema of OpenAI's vendored spec, showing the violations if not. */
export function expectSpecValid(schema: string, value: unknown): void {
  expect(validateOpenAI(schema, value).errors).toEqual([]);
}

/** Checks a Responses stream event against its own schema (for readable violations), then against the spec's union of all events. */
export function expectEventValid(event: { readonly type: string }): void {
  const schema = EVENT_SCHEMAS[event.type];
  expect(schema, `no schema known for ${event.type}`).toBeDefined();
  expectSpecValid(schema ?? '', event);
  expect(validateOpenAI('ResponseStreamEvent', event).valid).toBe(true);
}
