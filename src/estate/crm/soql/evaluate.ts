import { type FieldDef, type FieldType, findObject, type ObjectDef } from '../schema.ts';
import { SoqlError } from './lexer.ts';
import { sortRows } from './order.ts';
import { type Condition, type FieldRef, type Literal, parseSoql, type SoqlQuery } from './parser.ts';
import {
  bindPath,
  type FieldPath,
  type FieldValue,
  type RecordResolver,
  type SObjectRecord,
  valueAt,
} from './paths.ts';
import { candidates, indexProbes, type RecordSource, sortProbe } from './plan.ts';
import { attributed, compileChild, placeValue, sameId } from './relationships.ts';
import { compareValues, toEpoch } from './values.ts';

export type { FieldValue, RecordResolver, SObjectRecord } from './paths.ts';
export type { RecordSource } from './plan.ts';

export interface ShapeContext {
  version: string;
  now: number;
  resolver?: RecordResolver;
}

export interface CompiledQuery {
  query: SoqlQuery;
  object: ObjectDef;
  /** Selected fields, canonical names (`Account.Name` for a parent's), in select order; empty for COUNT(). */
  fields: string[];
  count: boolean;
  /**
   * Filters, sorts and pages `records` as the query says; `now` anchors TODAY and LAST_N_DAYS, and
   * `resolver` reaches the parents that relationship paths name (without it they read as null).
   */
  run(records: readonly SObjectRecord[], now: number, resolver?: RecordResolver): SObjectRecord[];
  /**
   * `run` over a source with indexes: a selective conjunct (`Id = …`, `MRN__c IN (…)`) reads its
   * candidates from an index, anything else scans; the rows are the same either way.
   */
  select(source: RecordSource, now: number, resolver?: RecordResolver): SObjectRecord[];
  /**
   * A result row as the REST API returns it: `attributes` first, parent relationships as nested
   * records (null when the lookup is empty), child subqueries as `{totalSize, done, records}` or null.
   */
  shape(record: SObjectRecord, context: ShapeContext): Record<string, unknown>;
}

const DAY = 86_400_000;
const TEXT: ReadonlySet<FieldType> = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'id',
  'reference',
]);

type CanRead = (object: ObjectDef, field: FieldDef) => boolean;

/**
 * Parses and binds a query to the object model: unknown objects, fields and relationships fail here,
 * located. `canRead` applies field-level security: a hidden field fails exactly as a missing one does.
 */
export function compileSoql(text: string, canRead: CanRead = () => true): CompiledQuery {
  const query = parseSoql(text);
  const object = findObject(query.from.name);
  if (!object) {
    throw new SoqlError(
      'INVALID_TYPE',
      `sObject type '${query.from.name}' is not supported.`,
      query.from.pos,
      text,
    );
  }
  return compileQuery(query, object, canRead);
}

function compileQuery(query: SoqlQuery, object: ObjectDef, canRead: CanRead): CompiledQuery {
  const text = query.text;
  const bound = new Map<FieldRef, FieldPath>();
  const bind = (ref: FieldRef): FieldDef => {
    const path = bindPath(object, ref, text, canRead);
    bound.set(ref, path);
    return path.leaf;
  };
  const paths = query.fields.map((ref) => {
    bind(ref);
    return bound.get(ref)!;
  });
  const fields = paths.map((path) => path.name);
  const children = query.subqueries.map((sub) =>
    compileChild(object, sub.query, (inner, child) => compileQuery(inner, child, canRead)),
  );
  if (query.where) checkCondition(query.where, bind, text);
  for (const item of query.orderBy) bind(item.field);

  const run = (
    records: readonly SObjectRecord[],
    now: number,
    resolver?: RecordResolver,
  ): SObjectRecord[] => {
    const where = query.where;
    const value = (record: SObjectRecord, ref: FieldRef) => valueAt(record, bound.get(ref)!, resolver);
    const matched = where ? records.filter((r) => matches(where, r, bound, value, now)) : [...records];
    const sorted = query.orderBy.length > 0 ? sortRows(matched, query.orderBy, bound, value) : matched;
    const start = query.offset ?? 0;
    return sorted.slice(start, query.limit === undefined ? undefined : start + query.limit);
  };

  const probes = indexProbes(query.where, bound);
  const sort = sortProbe(query, bound);
  const select = (source: RecordSource, now: number, resolver?: RecordResolver) =>
    run(candidates(source, probes, sort), now, resolver);

  const shape = (record: SObjectRecord, context: ShapeContext): Record<string, unknown> => {
    const out = attributed(object.name, record, context.version);
    for (const path of paths) placeValue(out, record, path, context);
    for (const sub of children) {
      const pool = (context.resolver?.children(sub.child.name) ?? []).filter((c) =>
        sameId(c[sub.field], record.Id),
      );
      const rows = sub.compiled.run(pool, context.now, context.resolver);
      out[sub.relationshipName] =
        rows.length === 0
          ? null
          : { totalSize: rows.length, done: true, records: rows.map((r) => sub.compiled.shape(r, context)) };
    }
    return out;
  };
  return { query, object, fields, count: query.count, run, select, shape };
}

function checkCondition(condition: Condition, bind: (ref: FieldRef) => FieldDef, text: string): void {
  switch (condition.kind) {
    case 'and':
    case 'or':
      checkCondition(condition.left, bind, text);
      checkCondition(condition.right, bind, text);
      return;
    case 'not':
      checkCondition(condition.operand, bind, text);
      return;
    case 'like': {
      const def = filterable(bind(condition.field), condition.field, text);
      if (!TEXT.has(def.type) || def.type === 'id' || def.type === 'reference') {
        throw new SoqlError(
          'INVALID_FIELD',
          `invalid operator on field '${def.name}': LIKE`,
          condition.field.pos,
          text,
        );
      }
      return;
    }
    case 'compare':
      checkLiteral(filterable(bind(condition.field), condition.field, text), condition.value, text);
      return;
    case 'in': {
      const def = filterable(bind(condition.field), condition.field, text);
      for (const value of condition.values) checkLiteral(def, value, text);
    }
  }
}

function filterable(def: FieldDef, ref: FieldRef, text: string): FieldDef {
  if (!def.filterable) {
    throw new SoqlError(
      'INVALID_FIELD',
      `field '${def.name}' can not be filtered in a query call`,
      ref.pos,
      text,
    );
  }
  return def;
}

function checkLiteral(def: FieldDef, literal: Literal, text: string): void {
  if (literal.kind === 'null') return;
  const ok =
    (TEXT.has(def.type) && literal.kind === 'string') ||
    (def.type === 'boolean' && literal.kind === 'boolean') ||
    ((def.type === 'int' || def.type === 'double') && literal.kind === 'number') ||
    (def.type === 'date' && (literal.kind === 'date' || literal.kind === 'relative')) ||
    (def.type === 'datetime' && (literal.kind === 'datetime' || literal.kind === 'relative'));
  if (ok) return;
  const quoted = literal.kind === 'string' ? ' and should not be enclosed in quotes' : '';
  const type = def.type === 'datetime' ? 'dateTime' : def.type;
  throw new SoqlError(
    'INVALID_FIELD',
    `value of filter criterion for field '${def.name}' must be of type ${type}${quoted}`,
    literal.pos,
    text,
  );
}

function matches(
  condition: Condition,
  record: SObjectRecord,
  bound: Map<FieldRef, FieldPath>,
  value: (record: SObjectRecord, ref: FieldRef) => FieldValue,
  now: number,
): boolean {
  const again = (inner: Condition) => matches(inner, record, bound, value, now);
  switch (condition.kind) {
    case 'and':
      return again(condition.left) && again(condition.right);
    case 'or':
      return again(condition.left) || again(condition.right);
    case 'not':
      return !again(condition.operand);
    case 'like': {
      const text = value(record, condition.field);
      return typeof text === 'string' && new RegExp(`^${condition.pattern.like}$`, 'is').test(text);
    }
    case 'in': {
      const def = bound.get(condition.field)!.leaf;
      const actual = value(record, condition.field);
      const found = condition.values.some((literal) => compare(actual, '=', literal, def, now));
      return condition.negated ? !found : found;
    }
    case 'compare': {
      const def = bound.get(condition.field)!.leaf;
      return compare(value(record, condition.field), condition.op, condition.value, def, now);
    }
  }
}

function compare(value: FieldValue, op: string, literal: Literal, def: FieldDef, now: number): boolean {
  if (literal.kind === 'null') return op === '=' ? value === null : op === '!=' ? value !== null : false;
  if (value === null) return op === '!=';
  if (literal.kind === 'relative') {
    const time = toEpoch(value, def.type);
    const [start, end] = relativeRange(literal.name, literal.days, now);
    switch (op) {
      case '=':
        return time >= start && time < end;
      case '!=':
        return time < start || time >= end;
      case '<':
        return time < start;
      case '<=':
        return time < end;
      case '>':
        return time >= end;
      default:
        return time >= start;
    }
  }
  const order = compareValues(value, literal.value, def.type);
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

function relativeRange(name: string, days: number, now: number): [number, number] {
  const today = Math.floor(now / DAY) * DAY;
  switch (name) {
    case 'YESTERDAY':
      return [today - DAY, today];
    case 'TOMORROW':
      return [today + DAY, today + 2 * DAY];
    case 'LAST_N_DAYS':
      return [today - days * DAY, today + DAY];
    case 'NEXT_N_DAYS':
      return [today + DAY, today + (days + 1) * DAY];
    default:
      return [today, today + DAY];
  }
}
