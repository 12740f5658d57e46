// Worker-thread entry for parallel drills: a worker loads its code the way the CLI did.
import { loadEntry } from './load-entry.mjs';

await loadEntry('drill-worker');
