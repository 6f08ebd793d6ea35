import { afterEach, describe, expect, it } from 'vitest';
import { postJson, startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

type Embeddings = { object: string; model: string; data: Array<{ index: number; embedding: number[] | string }>; usage: { prompt_tokens: number } };

describe('POST /v1/embeddings', () => {
  it('answers float vectors by default and little-endian float32 base64 when asked', async () => {
    fixture = await startFixture();
    const floats = (await (await postJson(`${fixture.baseURL}/embeddings`, { model: 'embed', input: ['one', 'two'] })).json()) as Embeddings;
    expect(floats).toMatchObject({ object: 'list', model: 'embed-test' });
    expect(floats.data.map((d) => d.index)).toEqual([0, 1]);
    const response = await postJson(`${fixture.baseURL}/embeddings`, { model: 'embed', input: ['one', 'two'], encoding_format: 'base64' });
    expect(response.headers.get('x-modelmesh-model')).toBe('embed-test');
    const encoded = (await response.json()) as Embeddings;
    const bytes = Buffer.from(encoded.data[0]?.embedding as string, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toEqual(Array.from(Float32Array.from(floats.data[0]?.embedding as number[])));
    // The provider was always asked for floats.
    expect(fixture.primary.provider.calls.every((call) => !('encoding_format' in call.params))).toBe(true);
  });

  it('answers 400 for an unknown encoding_format and for a missing input', async () => {
    fixture = await startFixture();
    const format = await postJson(`${fixture.baseURL}/embeddings`, { model: 'embed', input: 'x', encoding_format: 'int8' });
    expect(format.status).toBe(400);
    expect(((await format.json()) as { error: { param: string } }).error.param).toBe('encoding_format');
    const input = await postJson(`${fixture.baseURL}/embeddings`, { model: 'embed' });
    expect(input.status).toBe(400);
    expect(((await input.json()) as { error: { param: string } }).error.param).toBe('input');
  });
});
