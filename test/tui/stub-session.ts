import type { ImprovementAction, TabletopControls, TabletopView } from '../../src/tabletop/types.ts';
import { PACINGS } from '../../src/tabletop/types.ts';

const T0 = Date.parse('2026-03-02T14:00:00Z');
const MIN = 60_000;

/** A view of a drill part-way through: one inject landed, a signal, a manual expectation open. */
export function sampleView(overrides: Partial<TabletopView> = {}): TabletopView {
  return {
    folder: '/tmp/phi-drill-tabletop',
    scenario: {
      id: 'sync-failure-strands-phi',
      title: 'Sync failure strands PHI in the dead-letter queue',
      summary: 'The EHR→CRM sync fails; PHI sits in plaintext staging rows and the error log.',
      severity: 'high',
      hipaa: ['164.308(a)(6)(ii)', '164.312(b)'],
      attack: ['T1530'],
      timezone: 'America/New_York',
      patients: 500,
    },
    organisation: 'Synthetic Health Network (HTEST)',
    participants: [
      { name: 'Ada Facil', role: 'facilitator' },
      { name: 'Dana Reyes', role: 'privacy officer' },
      { name: 'Sam Ortiz', role: 'IR lead' },
    ],
    pacing: PACINGS[0]!,
    phase: 'waiting',
    playing: false,
    now: T0 + 45 * MIN,
    t0: T0,
    end: T0 + 121 * 24 * 60 * MIN,
    horizon: T0 + 45 * MIN,
    injects: [
      {
        id: 'sync-breaks',
        injector: 'sync-failure',
        at: T0 + 30 * MIN,
        status: 'applied',
        msel: {
          from: 'Integration on-call engineer',
          to: 'IR lead',
          message: 'The overnight EHR→CRM sync job has failed 212 times; the retry queue is growing.',
          expectedAction: 'Open an incident and check what the dead-letter queue holds before replaying it.',
        },
      },
      { id: 'token-leak', injector: 'oauth-overscope', at: T0 + 240 * MIN, status: 'pending' },
    ],
    feed: [
      { seq: 40, at: T0 + 30 * MIN, tone: 'inject', text: 'inject sync-breaks landed (sync-failure)' },
      { seq: 41, at: T0 + 38 * MIN, tone: 'signal', text: 'signal phi-at-rest-scanner: PHI in dead letters' },
    ],
    board: [
      {
        id: 'detect-stranded-phi',
        type: 'detect',
        inject: 'sync-breaks',
        status: 'met',
        closesAt: T0 + 90 * MIN,
        latencyMs: 8 * MIN,
        detail: 'phi-at-rest-scanner after 8m',
      },
      {
        id: 'privacy-officer-briefed',
        type: 'manual',
        inject: 'sync-breaks',
        status: 'open',
        closesAt: T0 + 150 * MIN,
        prompt: 'The privacy officer is briefed',
        detail: 'needs a person',
      },
      {
        id: 'notify-individuals:individual',
        type: 'notify',
        inject: 'sync-breaks',
        status: 'open',
        closesAt: T0 + 60 * 24 * 60 * MIN,
        detail: 'individual notice, 45 CFR 164.404(b)',
      },
    ],
    deadlines: [
      {
        id: 'notify-individuals:individual',
        label: 'individual notice (164.404(b))',
        dueAt: T0 + 60 * 24 * 60 * MIN,
        dueDate: '2026-05-01',
        sent: false,
        status: 'open',
      },
    ],
    modules: ['Detection', 'Assessment', 'Notification'],
    prompts: [
      {
        module: 'Detection',
        question: 'Who reads the dead-letter queue?',
        expected: 'The integration owner, paged by a scanner.',
      },
      {
        module: 'Assessment',
        question: 'Does the safe harbour apply?',
        expected: 'No: plaintext is unsecured PHI.',
      },
      {
        module: 'Notification',
        question: 'Who drafts the notice?',
        expected: 'The privacy officer, within 60 days.',
      },
    ],
    decisions: [],
    hotwash: [],
    actions: [],
    suggestedActions: [],
    ratings: [],
    ...overrides,
  };
}

export type Call = [name: keyof TabletopControls, ...args: unknown[]];

/** A session stand-in for screen tests: serves a view, records every call, lets a test change the view. */
export class StubSession implements TabletopControls {
  readonly calls: Call[] = [];
  #view: TabletopView;
  readonly #listeners = new Set<() => void>();

  constructor(view: TabletopView = sampleView()) {
    this.#view = view;
  }

  view(): TabletopView {
    return this.#view;
  }

  /** Replaces part of the view and tells subscribers, as the real session does after each ledger entry. */
  update(overrides: Partial<TabletopView>): void {
    this.#view = { ...this.#view, ...overrides };
    for (const listener of this.#listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  play(): void {
    this.calls.push(['play']);
  }
  pause(): void {
    this.calls.push(['pause']);
  }
  advanceToNextInject(): void {
    this.calls.push(['advanceToNextInject']);
  }
  jump(ms: number): void {
    this.calls.push(['jump', ms]);
  }
  confirm(expectationId: string, by: string, at?: number, note?: string): void {
    this.calls.push(['confirm', expectationId, by, at, note]);
  }
  decide(decision: { by: string; role: string; text: string; module?: string }): void {
    this.calls.push(['decide', decision]);
  }
  hotwash(item: { category: 'strength' | 'improvement' | 'note'; text: string; by?: string }): void {
    this.calls.push(['hotwash', item]);
  }
  addAction(action: ImprovementAction): void {
    this.calls.push(['addAction', action]);
  }
  rate(type: string, rating: string): void {
    this.calls.push(['rate', type, rating]);
  }
  async close(): ReturnType<TabletopControls['close']> {
    this.calls.push(['close']);
    return {
      afterActionReport: `${this.#view.folder}/after-action-report.md`,
      printed: { pdf: `${this.#view.folder}/after-action-report.pdf` },
    };
  }
}
