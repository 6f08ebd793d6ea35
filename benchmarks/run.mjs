// `pnpm bench`: every benchmark, each reporting against a baseline measured in the same run.
import { runProviderOverhead } from './provider-overhead.mjs';
import { runProxyOverhead } from './proxy-overhead.mjs';
import { runProxyScaleOut } from './proxy-scale-out.mjs';
import { runRedisStoreOverhead } from './redis-store-overhead.mjs';
import { runRouterOverhead } from './router-overhead.mjs';
import { runSlowStreams } from './slow-streams.mjs';

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
await runRouterOverhead();
await runRedisStoreOverhead();
await runProviderOverhead();
await runProxyOverhead();
await runProxyScaleOut();
await runSlowStreams();
