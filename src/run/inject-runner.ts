import type { ExposedProtection } from '../breach/types.ts';
import type { Agenda } from '../clock/agenda.ts';
import type { Clock } from '../clock/clock.ts';
import { CORRELATION_HEADER, REQUEST_ID_HEADER } from '../estate/caller.ts';
import { ESTATE_ORIGIN } from '../estate/dispatch.ts';
import type { Estate } from '../estate/estate.ts';
import type { JsonValue } from '../evidence/entries.ts';
import type { Ledger } from '../evidence/ledger.ts';
import type { AppliedInject, InjectContext, InjectorDefinition } from '../inject/define.ts';
import { keepArtifact } from './keep-artifact.ts';
import type { Access } from './observations.ts';
import type { PlannedInject } from './plan.ts';

/** The ground truth of one inject: what it did, whom it exposed, and when it was contained. */
export interface InjectRecord {
  planned: PlannedInject;
  applied?: AppliedInject;
  failure?: string;
  accesses: Access[];
  exposed: Set<string>;
  /**
   * What the exposed data really was, when the inject could read it from the estate: encrypted only
   * if every exposure was, the key compromised if it was for any.
   */
  protection?: ExposedProtection;
  /** Later steps of the leak scheduled but not yet run (a slow pull's next page, a delayed reuse). */
  stepsToCome: number;
  /** condition → first run-clock time its probe read true */
  contained: Map<string, number>;
}

/**
 * Lands injects on the agenda, keeps their ground truth, watches their containment probes, and
 * reverts them in reverse order. Every step is written to the ledger as it happens.
 */
export class InjectRunner {
  readonly records = new Map<string, InjectRecord>();
  readonly #applied: InjectRecord[] = [];

  constructor(
    private readonly estate: Estate,
    private readonly clock: Clock,
    private readonly agenda: Agenda,
    private readonly ledger: Ledger,
    private readonly injectors: ReadonlyMap<string, InjectorDefinition>,
    /** Where inject traffic carries the drill correlation id, so the user's stack can relate alerts. */
    private readonly surface: ReadonlyArray<'header' | 'user-agent'> = [],
  ) {}

  schedule(planned: PlannedInject): void {
    const record: InjectRecord = {
      planned,
      accesses: [],
      exposed: new Set(),
      stepsToCome: 0,
      contained: new Map(),
    };
    this.records.set(planned.id, record);
    this.agenda.at(planned.at, `inject ${planned.id}`, () => this.#apply(record));
  }

  /** Checks every applied inject's probes; records the first time each reads true. */
  watchProbes(): void {
    for (const record of this.#applied) {
      for (const [condition, probe] of Object.entries(record.applied!.probes)) {
        if (record.contained.has(condition) || !safely(probe)) continue;
        const now = this.clock.now();
        record.contained.set(condition, now);
        this.ledger.append({
          kind: 'containment',
          at: now,
          injectId: record.planned.id,
          condition,
          observedAt: now,
        });
      }
    }
  }

  /** Reverts every applied inject, last first; a failing revert is recorded and the rest still run. */
  async revertAll(): Promise<void> {
    for (const record of [...this.#applied].reverse()) {
      const injectId = record.planned.id;
      try {
        await record.applied!.revert();
        this.ledger.append({ kind: 'inject.reverted', at: this.clock.now(), injectId });
      } catch (error) {
        this.ledger.append({ kind: 'revert.failed', at: this.clock.now(), injectId, error: describe(error) });
      }
    }
  }

  async #apply(record: InjectRecord): Promise<void> {
    const { planned } = record;
    const definition = this.injectors.get(planned.injector)!;
    try {
      const params = definition.params.parse(planned.params);
      record.applied = await definition.apply(this.#context(record), params as never);
      this.#applied.push(record);
      this.ledger.append({
        kind: 'inject.applied',
        at: this.clock.now(),
        injectId: planned.id,
        injector: planned.injector,
        correlationId: planned.correlationId,
        params: planned.params as JsonValue,
      });
    } catch (error) {
      record.failure = describe(error);
      this.ledger.append({
        kind: 'inject.failed',
        at: this.clock.now(),
        injectId: planned.id,
        error: record.failure,
      });
    }
  }

  #context(record: InjectRecord): InjectContext {
    const { estate, clock, agenda, ledger, surface } = this;
    const correlationId = record.planned.correlationId;
    return {
      estate,
      clock,
      injectId: record.planned.id,
      correlationId: record.planned.correlationId,
      async fetch(input, init) {
        const request = new Request(
          input instanceof Request ? input : new URL(String(input), ESTATE_ORIGIN),
          init,
        );
        if (surface.includes('header')) request.headers.set(CORRELATION_HEADER, correlationId);
        if (surface.includes('user-agent')) {
          request.headers.set(
            'user-agent',
            `${request.headers.get('user-agent') ?? 'phi-drill'} drill/${correlationId}`,
          );
        }
        const response = await estate.fetch(request);
        record.accesses.push({
          requestId: response.headers.get(REQUEST_ID_HEADER) ?? '',
          time: clock.now(),
          method: request.method,
          status: response.status,
          path: new URL(request.url).pathname,
        });
        return response;
      },
      later(delayMs, label, step) {
        record.stepsToCome += 1;
        agenda.at(clock.now() + delayMs, label, async () => {
          record.stepsToCome -= 1;
          try {
            await step();
          } catch (error) {
            ledger.append({
              kind: 'inject.failed',
              at: clock.now(),
              injectId: record.planned.id,
              error: describe(error),
            });
          }
        });
      },
      exposed(patientIds, protection) {
        for (const id of patientIds) record.exposed.add(id);
        if (protection) {
          record.protection = {
            encrypted: (record.protection?.encrypted ?? true) && protection.encrypted,
            keyCompromised: (record.protection?.keyCompromised ?? false) || protection.keyCompromised,
          };
        }
      },
      keep(artifact) {
        const file = keepArtifact(ledger.folder, record.planned.id, artifact);
        ledger.append({
          kind: 'artifact',
          at: clock.now(),
          injectId: record.planned.id,
          label: artifact.label,
          mediaType: artifact.mediaType,
          ...file,
        });
      },
    };
  }
}

function safely(probe: () => boolean): boolean {
  try {
    return probe();
  } catch {
    return false;
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
