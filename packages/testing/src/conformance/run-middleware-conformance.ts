import type { MeshMiddleware, ProviderPlugin } from '@modelmesh/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMiddlewareMesh, type MiddlewareMesh } from './middleware-mesh.js';

/** Options of {@link runMiddlewareConformance}. */
export interface MiddlewareConformanceOptions {
  /** Shown in the suite's title. */
  readonly name: string;
  /** An OpenAI-wire provider plugin for the fake vendors. */
  readonly plugin: ProviderPlugin;
  /** Creates the middleware under test, fresh for each check. */
  readonly middleware: () => readonly MeshMiddleware[];
}

const question = 'conformance question';

/**
 * Registers the middleware conformance suite with vitest: a middleware must leave the router's
 * behaviour intact over real HTTP to fake vendors. Failover still answers from the second
 * vendor, a stream still fails over before its first content and delivers every chunk in order,
 * embeddings still route and fail over, and a request every vendor refuses still ends in the
 * router's typed error. Each check sends a distinct question, so a cache cannot answer it.
 */
export function runMiddlewareConformance(options: MiddlewareConformanceOptions): void {
  describe(`middleware conformance: ${options.name}`, () => {
    let mesh: MiddlewareMesh;
    let round = 0;
    const ask = () => ({ model: 'chat', messages: [{ role: 'user' as const, content: `${question} ${++round}` }] });
    beforeEach(async () => {
      mesh = await startMiddlewareMesh({ plugin: options.plugin, middleware: options.middleware() });
    });
    afterEach(async () => {
      await mesh.close();
    });

    it('answers through the middleware', async () => {
      mesh.primary.script({ kind: 'ok', content: 'plain answer' });
      const response = await mesh.client.chat.completions.create(ask());
      expect(response.choices[0]?.message.content).toBe('plain answer');
    });

    it('keeps failover: a 503 from the first vendor is answered by the second', async () => {
      mesh.primary.script({ kind: 'status', status: 503 });
      mesh.secondary.script({ kind: 'ok', content: 'from the second vendor' });
      const response = await mesh.client.chat.completions.create(ask());
      expect(response.choices[0]?.message.content).toBe('from the second vendor');
      expect(mesh.primary.requests).toHaveLength(1);
      expect(mesh.secondary.requests).toHaveLength(1);
    });

    it('keeps streams whole and in order, failing over before the first content', async () => {
      mesh.primary.script({ kind: 'status', status: 503 });
      mesh.secondary.script({ kind: 'ok', chunks: ['one ', 'two ', 'three'] });
      const stream = await mesh.client.chat.completions.create({ ...ask(), stream: true });
      const pieces: string[] = [];
      let finish: string | null = null;
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) pieces.push(content);
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      expect(pieces.join('')).toBe('one two three');
      expect(finish).toBe('stop');
    });

    it('keeps embeddings routed, with failover', async () => {
      mesh.primary.script({ kind: 'status', status: 500 });
      const response = await mesh.client.embeddings.create({ model: 'embed', input: [`embed me ${++round}`] });
      expect(response.data).toHaveLength(1);
      expect(mesh.secondary.requests).toHaveLength(1);
    });

    it('keeps the typed error when every vendor fails', async () => {
      mesh.primary.script({ kind: 'status', status: 503 });
      mesh.secondary.script({ kind: 'status', status: 503 });
      await expect(mesh.client.chat.completions.create(ask())).rejects.toMatchObject({ name: 'AllProvidersExhaustedError' });
    });
  });
}
