import { runDemo } from '../demo/run-demo.js';
import type { Output } from '../terminal.js';

/** Runs the demo. */
export async function demoCommand(output: Output): Promise<number> {
  await runDemo({ output });
  return 0;
}
