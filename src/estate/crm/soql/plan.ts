import type { Condition, FieldRef, SoqlQuery } from './parser.ts';
import type { FieldPath, SObjectRecord } from './paths.ts';

/**
 * Where a query's rows come from. `all` is every record the caller may see, in the store's order;
 * `lookup` answers `field = one of values` from an index with the records the caller may see, in
 * the same order, or undefined when the field has no index.
 */
export interface RecordSource {
  all(): readonly SObjectRecord[];
  lookup?(field: string, values: readonly string[]): readonly SObjectRecord[] | undefined;
  /**
   * A part of `all()`, in its order, holding every record the first rows of the sort can be (ties
   * keep `all()`'s order); undefined when only every record will do.
   */
  leading?(sort: SortProbe): readonly SObjectRecord[] | undefined;
}

/** What an unfiltered query sorted on one field of its object and limited reads: its first `count` rows. */
export interface SortProbe {
  field: string;
  descending: boolean;
  count: number;
}

/** A conjunct an index can answer: a field of the queried object equal to one of some strings. */
export interface IndexProbe {
  field: string;
  values: string[];
}

/**
 * The conjuncts of a WHERE clause that an index could answer: `field = 'x'` and `field IN ('x', …)`
 * on the queried object's own fields, joined to the rest by AND. Anything under OR or NOT, a
 * relationship path, a null or non-string literal stays with the scan. Pure: no records read.
 */
export function indexProbes(
  where: Condition | undefined,
  bound: ReadonlyMap<FieldRef, FieldPath>,
): IndexProbe[] {
  if (!where) return [];
  if (where.kind === 'and') return [...indexProbes(where.left, bound), ...indexProbes(where.right, bound)];
  const own = (ref: FieldRef) => {
    const path = bound.get(ref);
    return path && path.hops.length === 0 ? path.leaf.name : undefined;
  };
  if (where.kind === 'compare' && where.op === '=' && where.value.kind === 'string') {
    const field = own(where.field);
    return field ? [{ field, values: [where.value.value] }] : [];
  }
  if (where.kind === 'in' && !where.negated && where.values.every((v) => v.kind === 'string')) {
    const field = own(where.field);
    return field ? [{ field, values: where.values.map((v) => (v.kind === 'string' ? v.value : '')) }] : [];
  }
  return [];
}

/** The sort probe of a query with no WHERE, one ORDER BY key on its own object, and a LIMIT. */
export function sortProbe(
  query: Pick<SoqlQuery, 'where' | 'orderBy' | 'limit' | 'offset'>,
  bound: ReadonlyMap<FieldRef, FieldPath>,
): SortProbe | undefined {
  if (query.where || query.orderBy.length !== 1 || query.limit === undefined) return undefined;
  const [order] = query.orderBy;
  const path = bound.get(order!.field);
  return path && path.hops.length === 0
    ? { field: path.leaf.name, descending: order!.descending, count: (query.offset ?? 0) + query.limit }
    : undefined;
}

/**
 * The records a query must test: the smallest candidate set an index gives for one of its probes,
 * else what a limited sort can reach, else every record. Candidates are a superset of the matches in
 * the scan's order, so the WHERE clause, sort and limit applied to them return exactly what the scan
 * would.
 */
export function candidates(
  source: RecordSource,
  probes: readonly IndexProbe[],
  sort?: SortProbe,
): readonly SObjectRecord[] {
  let best: readonly SObjectRecord[] | undefined;
  for (const probe of probes) {
    const found = source.lookup?.(probe.field, probe.values);
    if (found && (best === undefined || found.length < best.length)) best = found;
  }
  return best ?? (sort && source.leading?.(sort)) ?? source.all();
}
