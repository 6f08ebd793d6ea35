/**
 * Runs `action` and returns what it threw, failing the test when it returns
 * normally, so assertions on error fields can never be silently skipped.
 */
export function captureThrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw, but it returned normally');
}
