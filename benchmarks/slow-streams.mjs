// One proxy holding many concurrent slow streams (a chunk every 100 ms, as a model generating
// slowly), against a bare Node pass-through in front of the same slow upstream: the memory each
// open stream costs in the proxy process, and the delay it adds between chunks (p99).
//
// Streams open as clients arrive (at most 500 waiting for their first content at a time). Once
// every one has its first content (each holds a client and an upstream connection by then),
// the gaps between chunks are collected for `steadyMs` with all of them open ("steady"), the
// proxy's memory is read after a garbage collection, and the client hangs up on all of them.
// The gaps of the whole run, opening included, are reported too.
//
// With `turnover` (a third argument: chunks per stream), streams end after that many chunks and
// each ended stream is replaced at once by a new one, so the proxy holds a steady population
// whose members come and go, as a long-running one does. Memory and gaps are then taken once
// every stream of the first population has ended (the heap has recycled a whole population).
//
// BENCH_SLOW_TARGET=jsonMinimal measures, in ModelMesh's place, the smallest relay a pull pipeline
// allows (proxy-targets.mjs: an undici pool, an async generator of parsed chunks and a `for await`
// that writes them, no routing), as a reference for what async iteration alone costs.
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { serve } from './bench-servers.mjs';
import { printTable, quantile } from './stats.mjs';

const body = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Tell a long story.' }], stream: true });

/** This process's soft limit on open files (Linux), or undefined. */
function openFileLimit() {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens one stream; records the gaps (ms) between the arrivals of its content chunks (whole SSE
 * events, however the server splits its writes) in `run.all`, and in `run.steady` while
 * `run.steadyOn`; calls `settled()` once, at its first content or its end; resolves when it
 * ends, with an error message instead of throwing.
 */
function openStream(agent, port, run, settled) {
  let open = false;
  const opening = () => {
    if (open) return;
    open = true;
    settled();
  };
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let last;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (text) => {
        const now = performance.now();
        buffer += text;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!/"content":"w\d+ "/.test(event)) continue;
          if (last === undefined) {
            run.opened();
            opening();
          } else {
            run.all.push(now - last);
            if (run.steadyOn) run.steady.push(now - last);
          }
          last = now;
        }
      });
      res.on('end', () => {
        run.ended += 1;
        run.onEnd?.();
        opening();
        resolve(res.statusCode === 200 ? undefined : `HTTP ${res.statusCode}`);
      });
      res.on('error', (error) => {
        opening();
        resolve(run.closing ? undefined : error.message);
      });
      // The bench ends the streams itself once it has measured.
      res.on('close', () => run.closing && resolve(undefined));
    });
    req.on('error', (error) => {
      opening();
      resolve(run.closing ? undefined : error.message);
    });
    run.requests.add(req);
    req.end(body);
  });
}

const sortedOf = (values) => Float64Array.from(values).sort();

/**
 * Opens `streams` streams on `target`, at most `window` of them waiting for their first content
 * at a time (clients arriving, rather than one burst of handshakes); measures memory while all
 * are open, and the chunk gaps.
 */
async function measure(target, streams, steadyMs, { window = 500, openDeadlineMs = 120_000, upstream, turnover = false } = {}) {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const idle = await target.memory();
  let allOpen;
  const everyoneOpen = new Promise((resolve) => (allOpen = resolve));
  let open = 0;
  const run = { all: [], steady: [], steadyOn: false, ended: 0, closing: false, requests: new Set(), opened: () => ++open === streams && allOpen() };
  const started = performance.now();
  const results = [];
  let launched = 0;
  let waiting = 0;
  let allLaunched;
  const done = new Promise((resolve) => (allLaunched = resolve)).then(() => Promise.all(results));
  const launch = () => {
    while (launched < streams && waiting < window && !run.closing) {
      launched += 1;
      waiting += 1;
      results.push(
        openStream(agent, target.port, run, () => {
          waiting -= 1;
          launch();
        }),
      );
      if (launched === streams) allLaunched();
    }
  };
  let replaced;
  const populationReplaced = new Promise((resolve) => (replaced = resolve));
  if (turnover) {
    // An ended stream's client comes back with a new one (not counted as launched: the population stays `streams`).
    run.onEnd = () => {
      if (run.closing) return;
      results.push(openStream(agent, target.port, run, () => undefined));
      if (run.ended >= streams) replaced();
    };
  }
  launch();
  // BENCH_VERBOSE=1: progress on stderr while the streams open.
  const progress = process.env.BENCH_VERBOSE ? setInterval(() => console.error(`  ${target.role}: launched ${launched}, open ${open}, ended ${run.ended}`), 5_000) : undefined;
  // A stream that fails never opens: stop waiting for everyone once all have settled.
  const failures = done.then((errors) => errors.filter((error) => error !== undefined));
  // A server that cannot keep up opens streams ever slower: measure what is open by the deadline.
  let deadline;
  await Promise.race([everyoneOpen, failures, new Promise((resolve) => (deadline = setTimeout(resolve, openDeadlineMs)))]);
  clearTimeout(deadline);
  const openMs = performance.now() - started;
  const openAtStart = open;
  if (turnover) {
    await Promise.race([populationReplaced, failures, new Promise((resolve) => (deadline = setTimeout(resolve, openDeadlineMs)))]);
    clearTimeout(deadline);
  }
  clearInterval(progress);
  const cpuBefore = await target.cpu();
  const upstreamBefore = await upstream?.cpu();
  const ownBefore = process.cpuUsage();
  run.steadyOn = true;
  await new Promise((resolve) => setTimeout(resolve, steadyMs));
  run.steadyOn = false;
  const cpuUs = (await target.cpu()) - cpuBefore;
  // BENCH_VERBOSE=1: how busy the other processes were (on a small machine they share the cores).
  if (process.env.BENCH_VERBOSE && upstream) {
    const own = process.cpuUsage(ownBefore);
    const cores = (us) => (us / 1000 / steadyMs).toFixed(2);
    console.error(`  ${target.role}: CPU cores while steady: server ${cores(cpuUs)}, fake vendor ${cores((await upstream.cpu()) - upstreamBefore)}, load generator ${cores(own.user + own.system)}`);
  }
  const endedBeforeMemory = turnover ? 0 : run.ended;
  // With turnover every ended stream was replaced at once: the population is whole (some of it still opening).
  const openAtMemory = turnover ? streams : open - run.ended;
  const busy = await target.memory();
  // BENCH_VERBOSE=1: where the memory went (KB per open stream, by kind).
  if (process.env.BENCH_VERBOSE) {
    const per = (key) => ((busy[key] - idle[key]) / Math.max(1, openAtMemory) / 1024).toFixed(1);
    console.error(`  ${target.role}: per stream KB: rss ${per('rss')}, heapTotal ${per('heapTotal')}, heapUsed ${per('heapUsed')}, external ${per('external')}, arrayBuffers ${per('arrayBuffers')}`);
    const spaces = Object.keys(busy.spaces ?? {}).map((name) => {
      const delta = (field) => ((busy.spaces[name][field] - (idle.spaces?.[name]?.[field] ?? 0)) / Math.max(1, openAtMemory) / 1024).toFixed(1);
      return `${name.replace('_space', '')} ${delta('size')}/${delta('used')}`;
    });
    console.error(`  ${target.role}: per stream KB by heap space, committed/used: ${spaces.join(', ')}`);
  }
  // The upstream's streams are longer than any run: end them all, as clients that hang up.
  run.closing = true;
  allLaunched();
  for (const req of run.requests) req.destroy();
  // Every stream's outcome, replacements included.
  await failures;
  const failed = (await Promise.all(results)).filter((error) => error !== undefined);
  agent.destroy();
  const all = sortedOf(run.all);
  const steady = sortedOf(run.steady);
  return {
    failed,
    openMs,
    openAtStart,
    openAtMemory,
    endedBeforeMemory,
    cpuShare: cpuUs / 1000 / steadyMs,
    cpuPerChunkUs: cpuUs / Math.max(1, run.steady.length),
    perStreamKb: (busy.rss - idle.rss) / openAtMemory / 1024,
    heapPerStreamKb: (busy.heapUsed - idle.heapUsed) / openAtMemory / 1024,
    steady: { p50: quantile(steady, 0.5), p99: quantile(steady, 0.99), n: steady.length },
    all: { p50: quantile(all, 0.5), p99: quantile(all, 0.99), n: all.length },
  };
}

export async function runSlowStreams({ streams = 5_000, chunks = 10_000, intervalMs = 100, steadyMs = 3_000, turnover = false } = {}) {
  if (!existsSync(new URL('../packages/proxy/dist/index.js', import.meta.url))) {
    console.log('\nSlow streams: skipped, @modelmesh/proxy is not built.');
    return;
  }
  const limit = openFileLimit();
  if (limit !== undefined && limit < streams + 256) {
    console.log(`\nSlow streams: skipped, this process may open ${limit} files and ${streams} streams need ${streams + 256} (raise it with ulimit -n).`);
    return;
  }
  const upstream = await serve('slowUpstream', undefined, JSON.stringify({ chunks, intervalMs }));
  const bare = await serve('bare', upstream.port);
  const other = process.env.BENCH_SLOW_TARGET;
  const targetName = other === undefined ? 'ModelMesh' : `${other} (BENCH_SLOW_TARGET)`;
  const modelmesh = await serve(other ?? 'modelmesh', upstream.port);
  try {
    // Warm both paths (JIT, sockets) before measuring.
    await measure(bare, 50, 500);
    await measure(modelmesh, 50, 500);
    const load = loadavg()[0].toFixed(2);
    const b = await measure(bare, streams, steadyMs, { upstream, turnover });
    const m = await measure(modelmesh, streams, steadyMs, { upstream, turnover });
    const kb = (value) => value.toFixed(1);
    const ms = (value) => (value - intervalMs).toFixed(2);
    const population = turnover ? `, each ${chunks} chunks long and replaced when it ends, measured once the first ${streams} have all ended` : '';
    console.log(`\nSlow streams: ${streams} concurrent streams, a chunk every ${intervalMs} ms${population}, ${steadyMs / 1000} s measured with all open; inter-chunk gap minus ${intervalMs} ms (load average at start ${load}, after ${loadavg()[0].toFixed(2)})\n`);
    printTable([
      ['target', 'failed', 'open (after s)', 'RSS per stream KB', 'heap per stream KB', 'steady gap p50 ms', 'steady gap p99 ms', 'whole-run gap p99 ms', 'server CPU cores', 'CPU µs per chunk'],
      ...[
        ['bare Node pass-through', b],
        [other === undefined ? 'ModelMesh proxy' : targetName, m],
      ].map(([name, r]) => [name, String(r.failed.length), `${r.openAtStart} (${(r.openMs / 1000).toFixed(1)})`, kb(r.perStreamKb), kb(r.heapPerStreamKb), ms(r.steady.p50), ms(r.steady.p99), ms(r.all.p99), r.cpuShare.toFixed(2), r.cpuPerChunkUs.toFixed(0)]),
    ]);
    for (const [name, r] of [
      ['bare', b],
      [targetName, m],
    ]) {
      if (r.failed.length > 0) console.log(`${name}: ${r.failed.length} streams failed, e.g. ${[...new Set(r.failed)].slice(0, 3).join('; ')}`);
      if (r.openAtStart < streams) console.log(`${name}: only ${r.openAtStart} of ${streams} streams were open after ${(r.openMs / 1000).toFixed(0)} s (the server could not keep up); figures are for those`);
      if (r.endedBeforeMemory > 0) console.log(`${name}: ${r.endedBeforeMemory} streams ended before the memory reading (per-stream memory counts the ${r.openAtMemory} still open)`);
    }
    const extraKb = m.perStreamKb - b.perStreamKb;
    const extraP99 = m.steady.p99 - b.steady.p99;
    console.log(`\n${targetName} over the pass-through: ${kb(extraKb)} KB RSS per stream (goal ≤ 20: ${extraKb <= 20 ? 'yes' : 'no'}), ${extraP99.toFixed(2)} ms added steady gap p99 (goal ≤ 5: ${extraP99 <= 5 ? 'yes' : 'no'})`);
  } finally {
    for (const server of [modelmesh, bare, upstream]) server.stop();
  }
}

// node benchmarks/slow-streams.mjs [streams] [intervalMs] [chunks per stream, with turnover]
if (import.meta.url === `file://${process.argv[1]}`) {
  const [streams, intervalMs, chunks] = process.argv.slice(2).map(Number);
  await runSlowStreams({ ...(streams ? { streams } : {}), ...(intervalMs ? { intervalMs } : {}), ...(chunks ? { chunks, turnover: true } : {}) });
}
