/**
 * The estate runs synchronously; writes to real servers are asynchronous. Writes are queued in
 * order and the runner settles the queue after every step of the agenda, so a scan never reads a
 * server that is behind the estate. The first failure marks the plane lost: later writes are
 * skipped (never retried into a hang) and the failure is reported once.
 */
export interface WriteBehind {
  push(label: string, write: () => Promise<unknown>): void;
  settle(): Promise<void>;
  readonly lost: { label: string; error: string } | undefined;
}

export function createWriteBehind(onLost: (label: string, error: string) => void): WriteBehind {
  let chain: Promise<void> = Promise.resolve();
  let lost: { label: string; error: string } | undefined;
  return {
    push(label, write) {
      chain = chain.then(async () => {
        if (lost) return;
        try {
          await write();
        } catch (error) {
          lost = { label, error: error instanceof Error ? error.message : String(error) };
          onLost(label, lost.error);
        }
      });
    },
    settle: () => chain,
    get lost() {
      return lost;
    },
  };
}
