// `pnpm bench`: every benchmark, each reporting against a baseline measured in the same run.
import { runProviderOverhead } from './provider-overhead.mjs';
import { runProxyOverhead } from './proxy-overhead.mjs';
import { runRouterOverhead } from './router-overhead.mjs';

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
await runRouterOverhead();
await runProviderOverhead();
await runProxyOverhead();
