// Worker-thread entry for parallel drills: a worker loads its code the way the CLI did.
import { enableCompileCache } from 'node:module';
import { loadEntry } from './load-entry.mjs';

// A worker is its own Node instance: it uses the compile cache only if it enables it too.
enableCompileCache();

await loadEntry('drill-worker');
