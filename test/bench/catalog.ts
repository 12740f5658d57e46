import { availableParallelism, loadavg } from 'node:os';
import { createRegistry } from '../../src/registry.ts';
import { benchCatalog } from './catalog-bench.ts';

/** The catalog-against-floor figure of `npm run bench` alone: `node --import tsx test/bench/catalog.ts`. */
process.stdout.write(
  `load average: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores\n`,
);
await benchCatalog(createRegistry());
