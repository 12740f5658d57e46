import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8's own collector, callable without starting Node with --expose-gc: the flag is set at run time
// and the function taken from a fresh context, where V8 installs it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A full collection now. */
export function collectGarbage(): void {
  gc();
}

/** Heap in use after full collections, so only what is still reachable counts. */
export function liveHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}
