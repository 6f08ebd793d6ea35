// The proxy-level fault suite (issue 12, section 7): the official `openai` client calls the
// proxy, whose pool holds a primary and a fallback on a fake OpenAI-wire server scripted per
// model. Each case asserts what the caller received (the complete answer, or a clean error),
// the requests each model got, and a generous liveness bound on real time. The suite writes its
// table (case, outcome, attempts, elapsed) to a file in a temp dir and prints it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '@modelmesh/core';
import { httpStatus, rateLimited, type FakeStep } from '@modelmesh/testing/servers';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSWER, ask, FALLBACK, FaultBench, PRIMARY, type BenchOptions, type CallerResult } from './support/fault-suite-bench.js';

interface FaultCase {
  readonly name: string;
  readonly stream: boolean;
  /** Steps the primary plays first (then it answers normally). */
  readonly primary: readonly FakeStep[];
  readonly fallback?: readonly FakeStep[];
  readonly bench?: BenchOptions;
  /** Who answers with the complete text, or the clean error the caller gets. */
  readonly expect: { readonly answeredBy: typeof PRIMARY | typeof FALLBACK } | { readonly status: number; readonly type?: string };
  readonly attempts: { readonly primary: number; readonly fallback: number };
  /** Liveness bound on the whole case, ms. */
  readonly withinMs: number;
  readonly check?: (result: CallerResult, bench: FaultBench) => void | Promise<void>;
}

const cut = (kind: 'cut' | 'stall' | 'malformed-chunk', afterChunks: number): FakeStep => ({ kind, afterChunks, content: ANSWER });

const CASES: readonly FaultCase[] = [
  {
    name: '429 without Retry-After',
    stream: false,
    primary: [rateLimited()],
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 1, fallback: 1 },
    withinMs: 3_000,
  },
  { name: '500 once', stream: false, primary: [httpStatus(500)], expect: { answeredBy: PRIMARY }, attempts: { primary: 2, fallback: 0 }, withinMs: 3_000 },
  {
    name: 'persistent 503',
    stream: false,
    primary: [httpStatus(503), httpStatus(503), httpStatus(503)],
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 2, fallback: 1 },
    withinMs: 3_000,
  },
  {
    name: 'connection reset before headers',
    stream: true,
    primary: [{ kind: 'reset' }, { kind: 'reset' }],
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 2, fallback: 1 },
    withinMs: 3_000,
  },
  // A silent provider is not waited on twice: one first-token limit (400ms), then the fallback.
  { name: 'no response at all', stream: true, primary: [{ kind: 'timeout' }], expect: { answeredBy: FALLBACK }, attempts: { primary: 1, fallback: 1 }, withinMs: 3_000 },
  {
    name: 'slow first token',
    stream: true,
    primary: [{ kind: 'slow-first-token', delayMs: 5_000, content: ANSWER }],
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 1, fallback: 1 },
    withinMs: 3_000,
  },
  {
    // With a hedge the caller does not even wait for the first-token limit.
    name: 'slow first token, pool hedged after 100ms',
    stream: true,
    primary: [{ kind: 'slow-first-token', delayMs: 5_000, content: ANSWER }],
    bench: { pool: { hedge: { after: '100ms' } } },
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 1, fallback: 1 },
    withinMs: 3_000,
    check: async (_result, bench) => {
      // the slow primary's connection was closed at once, not left to run
      const slow = bench.server.requests.find((r) => r.model === PRIMARY);
      expect(slow && (await bench.server.waitForEnd(slow))).toBe('client-closed');
    },
  },
  {
    name: 'stream cut mid-answer (fallback continues with prefill)',
    stream: true,
    primary: [cut('cut', 3)],
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 1, fallback: 1 },
    withinMs: 3_000,
    check: (_result, bench) => expect(bench.server.requests.find((r) => r.model === FALLBACK)?.body).toMatchObject({ messages: [{}, { role: 'assistant', content: 'The quick brown ', prefix: true }] }),
  },
  {
    name: 'stream stall mid-answer (idle 400ms)',
    stream: true,
    primary: [cut('stall', 2)],
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 1, fallback: 1 },
    withinMs: 3_000,
  },
  {
    name: 'cut stream, fallback without prefill (restart, held back)',
    stream: true,
    primary: [cut('cut', 4)],
    bench: { models: { fallback: { features: { prefill: false } } } },
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 1, fallback: 1 },
    withinMs: 3_000,
  },
  {
    name: 'cut stream whose fallback rejects prefill',
    stream: true,
    primary: [cut('cut', 3)],
    bench: { behaviour: { [FALLBACK]: { rejectsPrefill: true } } },
    expect: { answeredBy: FALLBACK },
    // the prefill's 400, then the restart
    attempts: { primary: 1, fallback: 2 },
    withinMs: 3_000,
  },
  {
    name: 'missing [DONE]',
    stream: true,
    primary: [{ kind: 'missing-done', content: ANSWER }],
    expect: { answeredBy: PRIMARY },
    attempts: { primary: 1, fallback: 0 },
    withinMs: 3_000,
  },
  {
    name: 'context-length 400 (fallback has the larger window)',
    stream: false,
    primary: [{ kind: 'context-length' }],
    bench: { models: { primary: { context_window: 8_000 }, fallback: { context_window: 128_000 } } },
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 1, fallback: 0 + 1 },
    withinMs: 3_000,
  },
  {
    name: 'content-filter 400',
    stream: false,
    primary: [{ kind: 'content-filter' }],
    expect: { status: 400 },
    attempts: { primary: 1, fallback: 0 },
    withinMs: 3_000,
  },
  {
    name: 'failover accounting',
    stream: true,
    primary: [httpStatus(503), httpStatus(503)],
    expect: { answeredBy: FALLBACK },
    attempts: { primary: 2, fallback: 1 },
    withinMs: 3_000,
    check: (result, bench) => {
      // the caller sees the fallback's usage; the failed attempts are not billed as completions
      const usage = bench.mesh.usage;
      expect(usage.byModel['primary']).toBeUndefined();
      expect(usage.byModel['fallback']?.requests).toBe(1);
      expect(result.usage?.total_tokens).toBe(usage.byModel['fallback']?.totalTokens);
      expect(usage.failedRequests).toBe(0);
    },
  },
];

const table: Array<{ name: string; outcome: string; attempts: string; elapsedMs: number }> = [];

afterAll(() => {
  const lines = [
    '| case | outcome | attempts (primary/fallback) | elapsed |',
    '|---|---|---|---|',
    ...table.map((row) => `| ${row.name} | ${row.outcome} | ${row.attempts} | ${row.elapsedMs} ms |`),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'modelmesh-fault-suite-'));
  const file = join(dir, 'fault-table.md');
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`fault suite table (${file}):\n${lines.join('\n')}`);
});

describe('proxy fault suite: the openai client against a faulty primary', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const bench = await FaultBench.start(c.bench);
    try {
      bench.server.scriptFor(PRIMARY, ...c.primary);
      if (c.fallback) bench.server.scriptFor(FALLBACK, ...c.fallback);
      const started = performance.now();
      const result = await ask(bench, c.stream);
      const elapsedMs = Math.round(performance.now() - started);
      const attempts = bench.attempts();
      table.push({
        name: c.name,
        outcome: result.error ? `error ${result.error.status ?? 'mid-stream'}: ${result.error.message.slice(0, 60)}` : `complete answer from ${result.model}`,
        attempts: `${attempts.primary}/${attempts.fallback}`,
        elapsedMs,
      });

      if ('answeredBy' in c.expect) {
        expect(result.error).toBeUndefined();
        expect(result.text).toBe(ANSWER);
        expect(result.finished).toBe(true);
        expect(result.model).toBe(c.expect.answeredBy);
        expect(result.usage?.total_tokens).toBeGreaterThan(0);
      } else {
        expect(result.text).toBeUndefined();
        expect(result.error?.status).toBe(c.expect.status);
      }
      expect(attempts).toEqual(c.attempts);
      expect(elapsedMs).toBeLessThan(c.withinMs);
      await c.check?.(result, bench);
    } finally {
      await bench.close();
    }
  });

  it('the trailing usage comment of a recovered stream says so, and the usage is the sum of both parts', async () => {
    const bench = await FaultBench.start();
    try {
      bench.server.scriptFor(PRIMARY, cut('cut', 2));
      const response = await fetch(`${bench.proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'chat', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Tell me about the fox' }] }),
      });
      const body = await response.text();
      const comment = /^: modelmesh (.*)$/m.exec(body)?.[1];
      const summary = JSON.parse(comment ?? '{}') as { model?: string; attempts?: number; usage?: { total_tokens: number }; recovered?: unknown };
      expect(summary).toMatchObject({ model: 'fallback', attempts: 2, recovered: [{ from: 'primary', to: 'fallback', mode: 'continue' }] });
      const usage = bench.mesh.usage.byModel;
      expect(usage['primary']?.requests).toBe(0);
      expect(usage['primary']?.totalTokens).toBeGreaterThan(0);
      expect(summary.usage?.total_tokens).toBe((usage['primary']?.totalTokens ?? 0) + (usage['fallback']?.totalTokens ?? 0));
      const metrics = await (await fetch(`${bench.proxy.url}/metrics`)).text();
      expect(metrics).toMatch(/modelmesh_stream_recoveries_total\{pool="chat",from_model="primary",to_model="fallback",mode="continue"\} 1/);
    } finally {
      await bench.close();
    }
  });
});

interface SectionCase {
  readonly name: string;
  /** The section of issue 12 whose behaviour the case checks. */
  readonly section: string;
  /** Requests per model the case asserts, for the table. */
  readonly attempts: string;
  readonly run: () => Promise<void>;
}

const SECTION_CASES: readonly SectionCase[] = [
  {
    name: '429 with Retry-After: 1 is retried on the same model after 1s',
    section: 'section 3',
    attempts: '2/0',
    run: async () => {
      const bench = await FaultBench.start();
      try {
        bench.server.scriptFor(PRIMARY, rateLimited({ retryAfter: 1 }));
        const started = performance.now();
        const result = await ask(bench, false);
        expect(result).toMatchObject({ text: ANSWER, model: PRIMARY });
        expect(bench.attempts()).toEqual({ primary: 2, fallback: 0 });
        expect(performance.now() - started).toBeLessThan(4_000);
      } finally {
        await bench.close();
      }
    },
  },
  {
    name: 'a malformed event is skipped and the primary completes',
    section: 'section 5',
    attempts: '1/0',
    run: async () => {
      const bench = await FaultBench.start();
      try {
        bench.server.scriptFor(PRIMARY, cut('malformed-chunk', 3));
        const result = await ask(bench, true);
        expect(result).toMatchObject({ text: ANSWER, model: PRIMARY, finished: true });
        expect(bench.attempts()).toEqual({ primary: 1, fallback: 0 });
      } finally {
        await bench.close();
      }
    },
  },
  {
    name: 'a primary down for a minute is back within 30s under steady traffic',
    section: 'section 6',
    attempts: '25 requests over 2 minutes',
    run: async () => {
      const clock = new ManualClock();
      const bench = await FaultBench.start({ clock, pool: { retry: { max_attempts_per_model: 1 } } });
      try {
        const answeredBy: Array<{ at: number; model: string | undefined }> = [];
        for (let t = 0; t <= 120_000; t += 5_000) {
          // down for the first minute: every request to the primary gets a 503
          if (t < 60_000) bench.server.scriptFor(PRIMARY, httpStatus(503));
          const result = await ask(bench, false);
          expect(result.error).toBeUndefined();
          answeredBy.push({ at: t, model: result.model });
          bench.server.reset();
          await clock.advance(5_000);
        }
        expect(answeredBy.filter((a) => a.at >= 90_000).every((a) => a.model === PRIMARY)).toBe(true);
      } finally {
        await bench.close();
      }
    },
  },
];

describe('proxy fault suite: Retry-After waits, malformed events, recovery of a flapping primary', () => {
  for (const c of SECTION_CASES) {
    it(`${c.name} (${c.section})`, async () => {
      const started = performance.now();
      await c.run();
      table.push({ name: c.name, outcome: `as ${c.section} specifies`, attempts: c.attempts, elapsedMs: Math.round(performance.now() - started) });
    });
  }
});
