import type { Clock } from '../clock/clock.ts';
import type { InfraReaders } from '../controls/define.ts';
import type { Ledger } from '../evidence/ledger.ts';
import { openDataPlane, type RealDataPlane, redactedUrls } from '../infra/data-plane.ts';
import { namespaceForRun } from '../infra/names.ts';
import type { ServiceUrls } from '../infra/service-urls.ts';

/** How a run puts its data plane on real servers (`--infra services|containers`). */
export interface RunInfraOptions {
  kind: 'services' | 'containers';
  urls: ServiceUrls;
  /** Default: one derived from the run id. */
  namespace?: string;
  /** Write into a namespace that holds data phi-drill did not create. */
  allowForeign?: boolean;
}

/**
 * Opens the data plane for one run and records, before anything is written into it, what it
 * created: a run killed after this point leaves a ledger naming every leftover for `cleanup`.
 */
export async function openRunInfra(
  options: RunInfraOptions,
  runId: string,
  ledger: Ledger,
  clock: Clock,
): Promise<RealDataPlane> {
  const plane = await openDataPlane({
    kind: options.kind,
    urls: options.urls,
    namespace: options.namespace ?? namespaceForRun(runId),
    allowForeign: options.allowForeign,
    onLost: (operation, error) => ledger.append({ kind: 'infra.lost', at: clock.now(), operation, error }),
  });
  ledger.append({
    kind: 'infra.created',
    at: clock.now(),
    provider: options.kind,
    namespace: plane.names.namespace,
    urls: redactedUrls(options.urls),
    resources: [...plane.resources],
  });
  return plane;
}

/** Removes what the run created, recording what could not be removed. */
export async function closeRunInfra(plane: RealDataPlane, ledger: Ledger, clock: Clock): Promise<void> {
  const failures = await plane.remove();
  ledger.append({
    kind: 'infra.removed',
    at: clock.now(),
    namespace: plane.names.namespace,
    by: 'run',
    failures,
  });
}

/** What the reference controls read: each read waits for the estate's writes to land first. */
export function infraReaders(plane: RealDataPlane): InfraReaders {
  const settled = async <T>(read: () => Promise<T>) => {
    await plane.settle();
    if (plane.lost) throw new Error(`data plane lost: ${plane.lost.error}`);
    return read();
  };
  return {
    stagingRows: () =>
      settled(async () => {
        const rows = await plane.staging.rows();
        plane.logger.stagingRead(rows.length);
        return rows;
      }),
    deadLetters: () => settled(() => plane.deadLetters.inspect()),
    sessions: () => settled(() => plane.sessions.sessions()),
  };
}
