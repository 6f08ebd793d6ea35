// Worker thread of the proxy benchmark: runs either the fake upstream or the proxies in
// front of it, so servers and load generator do not share one event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { startUpstream } from './proxy-upstream.mjs';
import { benchMesh, packageProvider, nodeHttpProvider, startBarePassThrough, startHonoMinimal, startModelMeshProxy, startNodeMinimal } from './proxy-targets.mjs';

if (workerData.role === 'upstream') {
  const server = await startUpstream();
  parentPort.postMessage({ upstream: server.address().port });
} else {
  const port = workerData.upstreamPort;
  const meshOverFetch = benchMesh(packageProvider(`http://127.0.0.1:${port}`));
  const meshOverHttp = benchMesh(nodeHttpProvider(port));
  const hono = await startHonoMinimal(meshOverHttp);
  parentPort.postMessage({
    bare: (await startBarePassThrough(port)).port,
    modelmesh: (await startModelMeshProxy(meshOverFetch)).port,
    modelmeshHttp: (await startModelMeshProxy(meshOverHttp)).port,
    nodeMinimal: (await startNodeMinimal(meshOverHttp)).port,
    honoMinimal: hono?.port,
  });
}
