import type { FhirResource } from './fhir-types.ts';

/** Where the charts of a synthetic population come from: chart `index` is rebuilt from (seed, index). */
export interface ChartSource {
  readonly count: number;
  /** The chart's resources, Patient first, each as the EHR would first have stored it. */
  chart(index: number): FhirResource[];
  /** Indexes of the charts with an Appointment starting in [from, to). */
  appointmentIndexesBetween(from: number, to: number): Iterable<number>;
}

/** A chart resource id: `zz-0000042` or `zz-0000042-enc-1`, `-cond-2`, `-appt-3`. */
const CHART_ID = /^zz-(\d{7})(?:-(?:enc|cond|appt)-(\d{1,3}))?$/;
/** MRNs are the population index, zero-padded: `ZZTEST-00000042`. */
const CHART_MRN = /^ZZTEST-(\d{8})$/;
/** Room for a chart's resources of one type between two patients' places in store order. */
const PER_CHART = 1024;

/**
 * Which charts of the population the EHR has built. A chart is built (all its resources stored)
 * the first time anything reaches into it, and kept from then on, so writes stick; untouched
 * patients cost one byte. Store order is derived from the id, so searches return a chart's
 * resources in the place an estate seeded in full would have stored them.
 */
export class LazyCharts {
  readonly #built: Uint8Array;
  #builtCount = 0;

  constructor(readonly source: ChartSource) {
    this.#built = new Uint8Array(source.count);
  }

  get builtCount(): number {
    return this.#builtCount;
  }

  /** The population index whose chart holds the resource `id`; undefined for anything else. */
  indexOfId(id: string): number | undefined {
    const match = CHART_ID.exec(id);
    return match ? this.#within(Number(match[1])) : undefined;
  }

  /** The population index of a synthetic MRN. */
  indexOfMrn(mrn: string): number | undefined {
    const match = CHART_MRN.exec(mrn);
    return match ? this.#within(Number(match[1])) : undefined;
  }

  /** Position in store order of a chart resource; later writes of other resources come after every chart. */
  orderOf(id: string): number | undefined {
    const match = CHART_ID.exec(id);
    const index = match ? this.#within(Number(match[1])) : undefined;
    return index === undefined ? undefined : index * PER_CHART + Number(match![2] ?? 0);
  }

  /** The first place after every chart resource. */
  get end(): number {
    return this.source.count * PER_CHART;
  }

  isBuilt(index: number): boolean {
    return this.#built[index] === 1;
  }

  /** The chart's resources to store now, once; undefined when it is already built. */
  take(index: number): FhirResource[] | undefined {
    if (this.#built[index] === 1) return undefined;
    this.#built[index] = 1;
    this.#builtCount++;
    return this.source.chart(index);
  }

  #within(index: number): number | undefined {
    return index < this.source.count ? index : undefined;
  }
}
