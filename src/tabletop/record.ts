import type { LedgerEntry } from '../evidence/entries.ts';
import type { Plan } from '../run/plan.ts';
import type { MselEntry, Scenario } from '../scenario/types.ts';
import type { Rating } from './capabilities.ts';
import { addToFeed, feedItem } from './feed.ts';
import type { Decision, FeedItem, HotwashItem, ImprovementAction, InjectView, Participant } from './types.ts';

/** What the table has done so far, folded from ledger entries one at a time (live, or read back on resume). */
export class TabletopRecord {
  readonly confirmations = new Map<string, { at: number; by: string }>();
  /** Evaluators' ratings by expectation type; the latest for a capability stands. */
  readonly ratings = new Map<string, Rating>();
  readonly modules: string[];
  #participants: Participant[] = [];
  #injects: InjectView[];
  #feed: FeedItem[] = [];
  #decisions: Decision[] = [];
  #hotwash: HotwashItem[] = [];
  #actions: ImprovementAction[] = [];
  /** Lists handed out by the getters are copies made once per change, so screens can compare by identity. */
  #copies = new Map<string, readonly unknown[]>();

  readonly #msel: ReadonlyMap<string, MselEntry>;

  constructor(
    private readonly plan: Plan,
    scenario: Pick<Scenario, 'prompts' | 'injects'>,
  ) {
    this.#msel = new Map(
      scenario.injects.flatMap((inject) => (inject.msel ? [[inject.id, inject.msel]] : [])),
    );
    this.#injects = plan.injects.map(({ id, injector, at }) => {
      const msel = this.#msel.get(id);
      return { id, injector, at, status: 'pending', ...(msel ? { msel } : {}) };
    });
    this.modules = [...new Set(scenario.prompts.map((prompt) => prompt.module))];
  }

  absorb(entry: LedgerEntry): void {
    const item = feedItem(entry, this.#msel);
    if (item) this.#change('feed', () => addToFeed(this.#feed, item));
    switch (entry.kind) {
      case 'tabletop.started':
        this.#change('participants', () => this.#participants.push(...entry.participants));
        break;
      case 'inject.applied':
      case 'inject.failed':
        this.#change('injects', () => {
          const status = entry.kind === 'inject.applied' ? 'applied' : 'failed';
          this.#injects = this.#injects.map((inject) =>
            inject.id === entry.injectId ? { ...inject, status } : inject,
          );
        });
        break;
      case 'manual.confirmed':
        if (!this.confirmations.has(entry.expectationId)) {
          this.confirmations.set(entry.expectationId, { at: entry.confirmedAt, by: entry.by });
        }
        break;
      case 'tabletop.decision':
        this.#change('decisions', () =>
          this.#decisions.push({
            seq: entry.seq,
            at: entry.at,
            by: entry.by,
            role: entry.role,
            text: entry.text,
            ...(entry.module ? { module: entry.module } : {}),
          }),
        );
        break;
      case 'tabletop.hotwash':
        this.#change('hotwash', () =>
          this.#hotwash.push({
            seq: entry.seq,
            category: entry.category,
            text: entry.text,
            ...(entry.by ? { by: entry.by } : {}),
          }),
        );
        break;
      case 'tabletop.rating':
        this.ratings.set(entry.capability, entry.rating);
        break;
      case 'tabletop.action':
        this.#change('actions', () =>
          this.#actions.push({
            action: entry.action,
            capability: entry.capability,
            owner: entry.owner,
            due: entry.due,
          }),
        );
        break;
    }
  }

  get participants(): readonly Participant[] {
    return this.#copy('participants', this.#participants);
  }
  get injects(): readonly InjectView[] {
    return this.#copy('injects', this.#injects);
  }
  get feed(): readonly FeedItem[] {
    return this.#copy('feed', this.#feed);
  }
  get decisions(): readonly Decision[] {
    return this.#copy('decisions', this.#decisions);
  }
  get hotwash(): readonly HotwashItem[] {
    return this.#copy('hotwash', this.#hotwash);
  }
  get actions(): readonly ImprovementAction[] {
    return this.#copy('actions', this.#actions);
  }

  landed(injectId: string): boolean {
    return this.#injects.some((inject) => inject.id === injectId && inject.status === 'applied');
  }

  /** Why a confirmation cannot be taken, or undefined when it can. */
  confirmationProblem(expectationId: string, at: number, now: number): string | undefined {
    const expectation = this.plan.expectations.find((e) => e.id === expectationId);
    if (!expectation) return `no expectation "${expectationId}" in this scenario`;
    if (expectation.type !== 'manual')
      return `"${expectationId}" is a ${expectation.type} expectation: controls decide it`;
    const earlier = this.confirmations.get(expectationId);
    if (earlier) return `"${expectationId}" was already confirmed by ${earlier.by}`;
    if (!this.landed(expectation.inject)) return `its inject ${expectation.inject} has not landed yet`;
    if (at > now) return 'a confirmation cannot be dated in the future';
    if (at < expectation.opensAt) return 'a confirmation cannot be dated before its inject landed';
    return undefined;
  }

  #change(list: string, mutate: () => void): void {
    mutate();
    this.#copies.delete(list);
  }

  #copy<T>(list: string, items: T[]): readonly T[] {
    let copy = this.#copies.get(list) as readonly T[] | undefined;
    if (!copy) {
      copy = [...items];
      this.#copies.set(list, copy);
    }
    return copy;
  }
}
