import { formatDuration } from '../clock/duration.ts';
import type { Timers } from '../clock/timers.ts';
import type { LedgerEntry } from '../evidence/entries.ts';
import type { Plan } from '../run/plan.ts';

/**
 * What a real-clock drill is doing, as it happens. On a terminal one status line is redrawn every
 * second (what landed, what is awaited, time left in each open window); elsewhere (CI) each event is
 * one plain line, so logs stay readable.
 */
export function liveProgress(options: {
  plan: Plan;
  isTTY: boolean;
  write(text: string): void;
  now(): number;
  timers: Timers;
}): { onEntry(entry: LedgerEntry): void; stop(): void } {
  const { plan, write, now } = options;
  const landed = new Map<string, number>();
  const settled = new Set<string>();
  let handle: unknown;

  const awaiting = () =>
    plan.expectations
      .filter((e) => landed.has(e.inject) && !settled.has(e.id))
      .map((e) => {
        const left = e.closesAt - now();
        return `${e.id} ${left > 0 ? `${formatDuration(left)} left` : `overdue ${formatDuration(-left)}`}`;
      });
  const status = () => {
    const waiting = awaiting();
    const next = plan.injects.find((inject) => !landed.has(inject.id));
    const parts = [
      `T${now() >= plan.t0 ? '+' : '-'}${formatDuration(Math.abs(now() - plan.t0))}`,
      next ? `next inject ${next.id} in ${formatDuration(Math.max(0, next.at - now()))}` : '',
      waiting.length > 0 ? `awaiting ${waiting.join(', ')}` : '',
    ].filter(Boolean);
    write(`\r\u001b[2K${parts.join(' · ')}`);
  };
  const line = (text: string) => {
    if (options.isTTY) write('\r\u001b[2K');
    write(`${text}\n`);
    if (options.isTTY) status();
  };
  const tick = () => {
    status();
    handle = options.timers.setTimeout(tick, 1000);
  };
  if (options.isTTY) tick();

  return {
    onEntry(entry) {
      switch (entry.kind) {
        case 'steady-state':
          line(`steady state over: ${entry.events} events, ${entry.falsePositives.length} false positive(s)`);
          break;
        case 'inject.applied':
          landed.set(entry.injectId, entry.at);
          line(`injected ${entry.injectId} (${entry.injector}), correlation ${entry.correlationId}`);
          break;
        case 'inject.failed':
          line(`inject ${entry.injectId} failed: ${entry.error}`);
          break;
        case 'signal':
          line(
            `signal from ${entry.signal.control}: ${entry.signal.rule} (${entry.signal.severity}) ${entry.signal.summary}`,
          );
          break;
        case 'intake.rejected':
          line(`${entry.intake} refused a delivery (${entry.status}): ${entry.reason}`);
          break;
        case 'notice.received':
          line(`notice "${entry.notice.subject}" received by ${entry.notice.intake}`);
          break;
        case 'verdict':
          settled.add(entry.verdict.expectationId);
          line(
            `${entry.verdict.status.toUpperCase()} ${entry.verdict.expectationId}: ${entry.verdict.reason}`,
          );
          break;
        default:
          break;
      }
    },
    stop() {
      options.timers.clearTimeout(handle);
      if (options.isTTY) write('\r\u001b[2K');
    },
  };
}
