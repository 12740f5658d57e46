import type { Signal } from '../controls/signal.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { Registry } from '../registry.ts';
import { selectorMatches } from './judge/detect.ts';
import type { Plan } from './plan.ts';

/**
 * Alerts from the user's own stack that no expectation asked for: before the first inject they are
 * false positives, afterwards noise. Built-in controls' extra signals are not noise: they are the
 * reference answer, and the steady state already reports their false positives.
 */
export function recordNoise(
  plan: Plan,
  signals: readonly Signal[],
  registry: Registry,
  ledger: Ledger,
  now: number,
): void {
  const firstInject = Math.min(...plan.injects.map((inject) => inject.at));
  const selectors = plan.expectations.flatMap((expectation) =>
    expectation.type === 'detect'
      ? [
          {
            opensAt: expectation.opensAt,
            match: {
              ...expectation.match,
              correlation:
                expectation.match.correlation === '$inject'
                  ? plan.injects.find((inject) => inject.id === expectation.inject)?.correlationId
                  : expectation.match.correlation,
            },
          },
        ]
      : [],
  );
  const noise = signals
    .filter((signal) => !registry.controls.has(signal.control))
    .flatMap((signal) => {
      if (signal.time < firstInject)
        return [{ signalId: signal.id, reason: 'arrived before any inject (false positive)' }];
      const wanted = selectors.some((s) => signal.time >= s.opensAt && selectorMatches(s.match, signal));
      return wanted ? [] : [{ signalId: signal.id, reason: 'matches no detect expectation' }];
    });
  if (noise.length > 0) ledger.append({ kind: 'noise', at: now, signals: noise });
}
