import type { DeliverySourceId } from './sources.data.ts';

/**
 * How one record travelled from the estate to whoever read it, so a hot wash can tell which part
 * of the pipeline was slow: generated (the event), published (the source made it visible), read.
 */
export interface DeliveryNote {
  source: DeliverySourceId;
  /** When the event happened in the estate. */
  occurredAt: number;
  /** When its source made it visible to a reader. */
  deliveredAt: number;
}

/**
 * Reports print times to the minute, so a pipeline delay below one (real-time streams, a 1 s
 * forwarder flush) would show two identical times: only a longer one is worth telling apart.
 */
export const SHOWN_DELAY_MS = 60_000;

const hhmm = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)}Z`;

/** "row generated 02:03Z, published 06:41Z (crm-elf-hourly), alert 06:44Z": which part of the pipeline took the time. */
export function describeDelivery(note: DeliveryNote, read: { what: string; at: number }): string {
  return `generated ${hhmm(note.occurredAt)}, published ${hhmm(note.deliveredAt)} (${note.source}), ${read.what} ${hhmm(read.at)}`;
}
