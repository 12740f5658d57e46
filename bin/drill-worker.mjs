// Worker-thread entry for parallel drills: the worker needs its own TypeScript loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/run/drill-worker.ts');
