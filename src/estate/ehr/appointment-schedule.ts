/**
 * When each synthetic patient's appointments start, as two flat arrays sorted by start: what the
 * reminder job needs to find the charts with an appointment in a window without building every
 * chart. About 12 bytes an appointment.
 */
export class AppointmentSchedule {
  #starts: number[] = [];
  #indexes: number[] = [];
  #sorted: { starts: Float64Array; indexes: Int32Array } | undefined;

  add(start: number, index: number): void {
    this.#starts.push(start);
    this.#indexes.push(index);
    this.#sorted = undefined;
  }

  /** Population indexes with an appointment starting in [from, to), each once, ascending. */
  indexesBetween(from: number, to: number): number[] {
    const { starts, indexes } = this.#sort();
    const found = new Set<number>();
    for (let at = firstAtOrAfter(starts, from); at < starts.length && starts[at]! < to; at++)
      found.add(indexes[at]!);
    return [...found].sort((a, b) => a - b);
  }

  #sort(): { starts: Float64Array; indexes: Int32Array } {
    if (this.#sorted) return this.#sorted;
    const order = Array.from(this.#starts.keys()).sort((a, b) => this.#starts[a]! - this.#starts[b]!);
    this.#sorted = {
      starts: Float64Array.from(order, (at) => this.#starts[at]!),
      indexes: Int32Array.from(order, (at) => this.#indexes[at]!),
    };
    return this.#sorted;
  }
}

function firstAtOrAfter(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
