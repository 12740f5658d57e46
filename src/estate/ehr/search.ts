import type { FhirResource } from './fhir-types.ts';
import { FhirError } from './operation-outcome.ts';
import { SEARCH_PARAMS, type SearchParamDef, type Token } from './search-params.ts';

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 200;
/** Result-shaping parameters accepted on every search; they never filter. */
const IGNORED = new Set(['_format', '_pretty']);
/**
 * Search result parameters the server does not implement, so the CapabilityStatement does not list
 * them; a client asking for them must hear so rather than get a bundle without what it asked for.
 */
const NOT_SUPPORTED = new Set([
  '_include',
  '_revinclude',
  '_sort',
  '_elements',
  '_summary',
  '_total',
  '_contained',
  '_has',
]);
const STRING_MODIFIERS = new Set(['', 'exact', 'contains']);
const DATE_PREFIXES = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'] as const;
type DatePrefix = (typeof DATE_PREFIXES)[number];

interface Criterion {
  name: string;
  modifier: string;
  def: SearchParamDef;
  /** Alternatives (comma-separated in the query): any one matching satisfies the criterion. */
  values: string[];
}

export interface ParsedSearch {
  criteria: Criterion[];
  count: number;
  /** The filtering parameters as sent, without `_count`: what a page handle replays and audit records. */
  params: Array<[string, string]>;
}

/** Validates a search against the type's parameter table; anything unknown is a 400, never ignored. */
export function parseSearch(
  resourceType: string,
  params: ReadonlyArray<readonly [string, string]>,
): ParsedSearch {
  const table = SEARCH_PARAMS[resourceType];
  if (!table) throw new FhirError(404, 'not-supported', `search is not supported for ${resourceType}`);
  const criteria: Criterion[] = [];
  const kept: Array<[string, string]> = [];
  let count = DEFAULT_COUNT;
  for (const [key, value] of params) {
    if (key === '_count') {
      count = parseCount(value);
      continue;
    }
    if (IGNORED.has(key)) continue;
    const [name = '', modifier = ''] = key.split(':', 2);
    if (NOT_SUPPORTED.has(name)) {
      throw new FhirError(
        400,
        'not-supported',
        `${name} is not supported by this server (see its CapabilityStatement)`,
      );
    }
    const def = table[name];
    if (!def) {
      const known = Object.keys(table).join(', ');
      throw new FhirError(
        400,
        'invalid',
        `unknown search parameter "${name}" for ${resourceType} (supported: ${known})`,
      );
    }
    if (modifier && !(def.type === 'string' && STRING_MODIFIERS.has(modifier))) {
      throw new FhirError(
        400,
        'invalid',
        `modifier ":${modifier}" is not supported on ${def.type} parameter "${name}"`,
      );
    }
    kept.push([key, value]);
    const values = splitValues(value);
    if (values.length === 0) continue;
    if (def.type === 'date') for (const v of values) parseDateValue(name, v);
    criteria.push({ name, modifier, def, values });
  }
  return { criteria, count, params: kept };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value))
    throw new FhirError(400, 'invalid', `_count must be a non-negative integer, got "${value}"`);
  return Math.min(Number(value), MAX_COUNT);
}

function splitValues(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((v) => v.replaceAll('\\,', ','))
    .filter((v) => v !== '');
}

export function matchesAll(resource: FhirResource, criteria: readonly Criterion[]): boolean {
  return criteria.every((criterion) =>
    criterion.values.some((value) => matchOne(resource, criterion, value)),
  );
}

function matchOne(resource: FhirResource, { name, modifier, def }: Criterion, value: string): boolean {
  switch (def.type) {
    case 'string':
      return def.values(resource).some((candidate) => matchString(candidate, value, modifier));
    case 'token':
      return def.values(resource).some((token) => matchToken(token, value));
    case 'reference':
      return def.values(resource).some((ref) => matchReference(ref, value));
    case 'date': {
      const { prefix, range } = parseDateValue(name, value);
      return def.values(resource).some((candidate) => {
        const target = dateRange(candidate);
        return target !== undefined && compareRange(prefix, target, range);
      });
    }
  }
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function matchString(candidate: string, value: string, modifier: string): boolean {
  if (modifier === 'exact') return candidate === value;
  if (modifier === 'contains') return fold(candidate).includes(fold(value));
  return fold(candidate).startsWith(fold(value));
}

function matchToken(token: Token, value: string): boolean {
  const bar = value.indexOf('|');
  if (bar < 0) return token.code === value;
  const system = value.slice(0, bar);
  const code = value.slice(bar + 1);
  if (system === '') return token.system === undefined && token.code === code;
  return token.system === system && (code === '' || token.code === code);
}

/** `Patient/1`, a bare `1`, or an absolute URL ending in `/Patient/1`. */
function matchReference(reference: string, value: string): boolean {
  const wanted = value.split('/').slice(-2).join('/');
  return reference === wanted || reference.endsWith(`/${wanted}`);
}

type Range = readonly [start: number, end: number];

function parseDateValue(name: string, value: string): { prefix: DatePrefix; range: Range } {
  const prefixed = /^[a-z]{2}/.test(value);
  const prefix = (prefixed ? value.slice(0, 2) : 'eq') as DatePrefix;
  const range = DATE_PREFIXES.includes(prefix) ? dateRange(prefixed ? value.slice(2) : value) : undefined;
  if (!range) throw new FhirError(400, 'invalid', `invalid date "${value}" for parameter "${name}"`);
  return { prefix, range };
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** A FHIR date or dateTime as the half-open interval its precision implies. */
export function dateRange(text: string): Range | undefined {
  const date = DATE.exec(text);
  if (date) {
    const [, y, m, d] = date;
    const year = Number(y);
    const month = m ? Number(m) - 1 : 0;
    const start = Date.UTC(year, month, d ? Number(d) : 1);
    const check = new Date(start);
    if (check.getUTCMonth() !== month || (d && check.getUTCDate() !== Number(d))) return undefined;
    const end = d
      ? Date.UTC(year, month, Number(d) + 1)
      : m
        ? Date.UTC(year, month + 1, 1)
        : Date.UTC(year + 1, 0, 1);
    return [start, end];
  }
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) return undefined;
  const start = Date.parse(dateTime[3] ? text : `${text}Z`);
  if (Number.isNaN(start)) return undefined;
  const width = dateTime[2] ? 1 : dateTime[1] ? 1000 : 60_000;
  return [start, start + width];
}

/** FHIR's range semantics: `eq` means the target lies inside the search range, `gt` that it reaches above it. */
function compareRange(prefix: DatePrefix, target: Range, search: Range): boolean {
  const eq = target[0] >= search[0] && target[1] <= search[1];
  switch (prefix) {
    case 'eq':
      return eq;
    case 'ne':
      return !eq;
    case 'gt':
      return target[1] > search[1];
    case 'lt':
      return target[0] < search[0];
    case 'ge':
      return eq || target[1] > search[1];
    case 'le':
      return eq || target[0] < search[0];
  }
}
