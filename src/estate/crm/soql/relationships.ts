import { findChildRelationship } from '../child-relationships.ts';
import { findObject, type ObjectDef } from '../schema.ts';
import type { CompiledQuery, ShapeContext } from './evaluate.ts';
import { SoqlError } from './lexer.ts';
import type { SoqlQuery } from './parser.ts';
import type { FieldPath, FieldValue, SObjectRecord } from './paths.ts';

/**
 * The relationship half of a query's result: child subqueries bound to a parent's child
 * relationship, and rows shaped as the REST API returns them (SOQL and SOSL Reference,
 * "Relationship Queries").
 */
export interface ChildQuery {
  relationshipName: string;
  field: string;
  child: ObjectDef;
  compiled: CompiledQuery;
}

export function compileChild(
  parent: ObjectDef,
  query: SoqlQuery,
  compile: (query: SoqlQuery, child: ObjectDef) => CompiledQuery,
): ChildQuery {
  const relationship = findChildRelationship(parent.name, query.from.name);
  const child = relationship && findObject(relationship.childSObject);
  if (!relationship?.relationshipName || !child) {
    throw new SoqlError(
      'INVALID_TYPE',
      `Didn't understand relationship '${query.from.name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      query.from.pos,
      query.text,
    );
  }
  if (query.count) {
    throw new SoqlError(
      'MALFORMED_QUERY',
      'COUNT() is not supported in a subquery',
      query.from.pos,
      query.text,
    );
  }
  return {
    relationshipName: relationship.relationshipName,
    field: relationship.field,
    child,
    compiled: compile(query, child),
  };
}

export function sameId(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.slice(0, 15) === b.slice(0, 15);
}

export function attributed(type: string, record: SObjectRecord, version: string): Record<string, unknown> {
  return { attributes: { type, url: `/services/data/v${version}/sobjects/${type}/${String(record.Id)}` } };
}

/** Writes a selected value into the row, nesting parent records as Salesforce does (`Account: {attributes, Name}`). */
export function placeValue(
  out: Record<string, unknown>,
  record: SObjectRecord,
  path: FieldPath,
  context: ShapeContext,
): void {
  let container = out;
  let current = record;
  for (const hop of path.hops) {
    const id = current[hop.field.name];
    const found = typeof id === 'string' ? context.resolver?.byId(id) : undefined;
    if (!found) {
      if (!(hop.relationshipName in container)) container[hop.relationshipName] = null;
      return;
    }
    const existing = container[hop.relationshipName];
    const nested =
      existing && typeof existing === 'object'
        ? (existing as Record<string, unknown>)
        : attributed(found.object, found.record, context.version);
    container[hop.relationshipName] = nested;
    container = nested;
    current = found.record;
  }
  container[path.leaf.name] = current[path.leaf.name] ?? null;
}
