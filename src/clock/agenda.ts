import type { Clock } from './clock.ts';

export interface AgendaItem {
  at: number;
  label: string;
  run: () => void | Promise<void>;
}

interface Queued extends AgendaItem {
  order: number;
}

function before(a: Queued, b: Queued): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

/**
 * A time-ordered list of things to do (a binary heap). `runUntil` sleeps the clock to each item
 * in turn, so on the virtual clock the run jumps from event to event. Items due at the same
 * instant keep insertion order, which keeps runs deterministic.
 */
export class Agenda {
  #heap: Queued[] = [];
  #order = 0;

  at(at: number, label: string, run: AgendaItem['run']): void {
    const heap = this.#heap;
    heap.push({ at, label, run, order: this.#order++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** When the next item is due; undefined when nothing is left. */
  get nextAt(): number | undefined {
    return this.#heap[0]?.at;
  }

  get size(): number {
    return this.#heap.length;
  }

  /** Runs the next item if it is due at or before `until`; returns whether one ran. */
  async runNext(clock: Clock, until: number): Promise<boolean> {
    const next = this.#heap[0];
    if (!next || next.at > until) return false;
    this.#pop();
    await clock.sleepUntil(next.at);
    await next.run();
    return true;
  }

  /** Runs every item due at or before `until`, including items scheduled while running. */
  async runUntil(clock: Clock, until: number): Promise<void> {
    while (await this.runNext(clock, until));
    await clock.sleepUntil(until);
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < heap.length && before(heap[left]!, heap[best]!)) best = left;
      if (right < heap.length && before(heap[right]!, heap[best]!)) best = right;
      if (best === i) return;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  }
}
