import type { FieldType } from '../schema.ts';
import type { FieldValue } from './paths.ts';

const epochCache = new Map<string, number>();

/**
 * Epoch ms of a date or datetime value: Salesforce datetimes are `2026-03-02T14:00:00.000+0000`, dates
 * `2026-03-02` (midnight GMT). Memoised: filters and sorts read the same stamps again and again.
 */
export function toEpoch(value: FieldValue, type: FieldType): number {
  if (typeof value === 'number') return value;
  const text = String(value);
  const key = `${type}\u0000${text}`;
  const cached = epochCache.get(key);
  if (cached !== undefined) return cached;
  if (epochCache.size > 100_000) epochCache.clear();
  const epoch = parseEpoch(text, type);
  epochCache.set(key, epoch);
  return epoch;
}

function parseEpoch(text: string, type: FieldType): number {
  if (type === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(text))
    return Date.parse(`${text.slice(0, 10)}T00:00:00Z`);
  return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export function compareValues(a: FieldValue, b: FieldValue, type: FieldType): number {
  if (type === 'date' || type === 'datetime') return Math.sign(toEpoch(a, type) - toEpoch(b, type));
  if (type === 'id' || type === 'reference') {
    const [x, y] = [String(a).slice(0, 15), String(b).slice(0, 15)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  const [x, y] = [String(a).toLowerCase(), String(b).toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}
