import { runDemo } from '../demo/run-demo.js';
import type { Output } from '../terminal.js';

/** Runs the demo. */
export async function demoCommand(output: Output, values: Readonly<Record<string, unknown>>): Promise<number> {
  await runDemo({ output, keepOpen: values['keep-open'] === true });
  return 0;
}
