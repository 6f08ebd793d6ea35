// A server of the proxy benchmark, as a child process (`fork`ed with its role and the
// upstream's port): the fake upstream, or one proxy in front of it. Each server gets its own
// process, as it would in a deployment, so no target shares a heap, garbage collector or
// event loop with another or with the load generator. It reports its port over IPC and
// exits when the parent disconnects.
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { startSlowUpstream, startUpstream } from './proxy-upstream.mjs';
import { benchMesh, handWrittenProvider, noMesh, packageProvider, redisBenchMesh, startBarePassThrough, startHonoMinimal, startModelMeshProxy, startNodeMinimal } from './proxy-targets.mjs';

/** Starts the server `role` names; resolves with its port (undefined when its library is missing). */
async function start(role, upstreamPort, extra) {
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  switch (role) {
    case 'upstream':
      return (await startUpstream()).address().port;
    case 'slowUpstream':
      return (await startSlowUpstream(JSON.parse(extra))).address().port;
    case 'modelmeshRedis':
      // extra: the Redis URL; every process of one run shares the key prefix, so they share one budget.
      return (await startModelMeshProxy(await redisBenchMesh(packageProvider(upstreamUrl), extra, 'bench-scale:'))).port;
    case 'modelmeshMemoryBudget':
      return (await startModelMeshProxy(benchMesh(packageProvider(upstreamUrl), { budgets: [{ name: 'cap', scope: 'global', period: 'day', limit_usd: 1e9, action: 'error' }] }))).port;
    case 'bare':
      return (await startBarePassThrough(upstreamPort)).port;
    case 'modelmesh':
      return (await startModelMeshProxy(benchMesh(packageProvider(upstreamUrl)))).port;
    case 'modelmeshHandWritten':
      return (await startModelMeshProxy(benchMesh(handWrittenProvider(upstreamPort)))).port;
    case 'nodeMinimal':
      return (await startNodeMinimal(benchMesh(handWrittenProvider(upstreamPort)))).port;
    case 'honoMinimal':
      return (await startHonoMinimal(benchMesh(handWrittenProvider(upstreamPort))))?.port;
    case 'jsonMinimal':
      return (await startNodeMinimal(noMesh(handWrittenProvider(upstreamPort)))).port;
    default:
      throw new Error(`Unknown benchmark server role "${role}"`);
  }
}

const [role, upstreamPort, extra] = process.argv.slice(2);
process.send?.(await start(role, upstreamPort === undefined || upstreamPort === '' ? undefined : Number(upstreamPort), extra));
process.once('disconnect', () => process.exit(0));
// The parent asks for this process's CPU time around each measured batch (CPU per request).
process.on('message', (message) => {
  if (message === 'cpu') process.send?.(process.cpuUsage());
  // Memory after a collection (the slow-streams benchmark forks with --expose-gc).
  if (message === 'memory') {
    globalThis.gc?.();
    // With each heap space's committed and used bytes, for BENCH_VERBOSE's breakdown.
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, { size: space.space_size, used: space.space_used_size }]));
    process.send?.({ ...process.memoryUsage(), spaces });
  }
  // A heap snapshot in the working directory, for finding what an open stream holds; replies with its file name.
  if (message === 'heap-snapshot') process.send?.(writeHeapSnapshot());
});
