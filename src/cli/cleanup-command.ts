import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { wallClockIso } from '../clock/clock.ts';
import { findLeftovers, recordCleanup, removeLeftover } from '../infra/cleanup.ts';
import { readServiceUrls } from '../infra/service-urls.ts';
import { EXIT } from './exit-codes.ts';
import type { RunIo } from './run-command.ts';

export const CLEANUP_USAGE = `usage: phi-drill cleanup <run or drill folder> [--dry-run]
  Removes what a run created on real servers (--infra services) and did not remove itself, e.g.
  after it was killed: the schema, queues and exchanges, and Redis keys its ledger names.
  Connects with PHI_DRILL_POSTGRES_URL, PHI_DRILL_AMQP_URL and PHI_DRILL_REDIS_URL.
  --dry-run   list what would be removed
`;

/** `phi-drill cleanup`: exit 0 nothing left, 2 bad input, 3 something could not be removed. */
export async function cleanupCommand(argv: string[], io: Omit<RunIo, 'isTTY'>): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${CLEANUP_USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout.write(CLEANUP_USAGE);
    return EXIT.ok;
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) {
    io.stderr.write(CLEANUP_USAGE);
    return EXIT.usage;
  }
  const folder = resolve(io.cwd, target);
  if (!existsSync(folder)) {
    io.stderr.write(`no such folder: ${target}\n`);
    return EXIT.usage;
  }
  const leftovers = findLeftovers(folder);
  if (leftovers.length === 0) {
    io.stdout.write(`nothing to clean up in ${target}\n`);
    return EXIT.ok;
  }
  const describe = (names: string[]) => names.join(', ');
  if (parsed.values['dry-run']) {
    for (const { created } of leftovers)
      io.stdout.write(
        `would remove ${created.namespace}: ${describe(created.resources.map((r) => `${r.system} ${r.kind} ${r.name}`))}\n`,
      );
    return EXIT.ok;
  }
  const urls = readServiceUrls(io.env);
  if (!urls.ok) {
    io.stderr.write(`${urls.error}\n`);
    return EXIT.usage;
  }
  let failed = false;
  for (const leftover of leftovers) {
    const failures = await removeLeftover(leftover, urls.urls);
    if (failures.length === 0) {
      recordCleanup(leftover, wallClockIso());
      io.stdout.write(
        `removed ${leftover.created.namespace} (${leftover.created.resources.length} resources)\n`,
      );
    } else {
      failed = true;
      io.stderr.write(`could not fully remove ${leftover.created.namespace}: ${failures.join('; ')}\n`);
    }
  }
  return failed ? EXIT.operational : EXIT.ok;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
}
