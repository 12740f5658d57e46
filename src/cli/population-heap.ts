import { getHeapStatistics } from 'node:v8';

/**
 * Heap a drill needs for its population, from `npm run bench`: every patient's portal login and
 * appointments are held, while CRM accounts and EHR charts are made only when touched; the rest
 * covers the drill's own traffic, a partial sandbox copy, the nightly analytics extract over the
 * whole population, and headroom. `oauth-overscope` on a million patients peaks at 2.5 GiB RSS; this
 * asks 3.4 GiB of heap for it, inside Node's default heap on a machine of 16 GiB or more.
 */
const HEAP_BASE_MB = 512;
const HEAP_PER_PATIENT_KB = 3;

export function heapNeededMb(patients: number): number {
  return HEAP_BASE_MB + Math.ceil((patients * HEAP_PER_PATIENT_KB) / 1024);
}

/**
 * Why this process cannot drill `patients`, or undefined when its heap is large enough. V8 stops a
 * process that outgrows its heap with a fatal error and no report, so a too-small heap is refused
 * up front with the flag that fixes it.
 */
export function heapShortfall(
  patients: number,
  limitMb = getHeapStatistics().heap_size_limit / 2 ** 20,
): string | undefined {
  const needed = heapNeededMb(patients);
  if (needed <= limitMb) return undefined;
  const flag = `--max-old-space-size=${Math.ceil(needed / 1024) * 1024}`;
  return `${patients} patients need about ${needed} MiB of heap and this Node allows ${Math.floor(limitMb)} MiB: run with NODE_OPTIONS=${flag}`;
}
