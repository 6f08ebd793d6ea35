// A server of the proxy benchmark, as a child process (`fork`ed with its role and the
// upstream's port): the fake upstream, or one proxy in front of it. Each server gets its own
// process, as it would in a deployment, so no target shares a heap, garbage collector or
// event loop with another or with the load generator. It reports its port over IPC and
// exits when the parent disconnects.
import { startUpstream } from './proxy-upstream.mjs';
import { benchMesh, handWrittenProvider, noMesh, packageProvider, startBarePassThrough, startHonoMinimal, startModelMeshProxy, startNodeMinimal } from './proxy-targets.mjs';

/** Starts the server `role` names; resolves with its port (undefined when its library is missing). */
async function start(role, upstreamPort) {
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  switch (role) {
    case 'upstream':
      return (await startUpstream()).address().port;
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

const [role, upstreamPort] = process.argv.slice(2);
process.send?.(await start(role, upstreamPort === undefined ? undefined : Number(upstreamPort)));
process.once('disconnect', () => process.exit(0));
// The parent asks for this process's CPU time around each measured batch (CPU per request).
process.on('message', (message) => {
  if (message === 'cpu') process.send?.(process.cpuUsage());
});
