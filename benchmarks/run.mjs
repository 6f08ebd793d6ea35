// `pnpm bench`: every benchmark, each reporting against a baseline measured in the same run.
import { runRouterOverhead } from './router-overhead.mjs';

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
await runRouterOverhead();
