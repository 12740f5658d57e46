/** SMART App Launch resource scopes, v2 grammar with the v1 suffixes mapped onto it (DOMAIN.md §5). */
export type ScopeContext = 'patient' | 'user' | 'system';
export type Interaction = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
  context: ScopeContext;
  /** A resource type, or `*` for all. */
  resourceType: string;
  interactions: ReadonlySet<Interaction>;
  /** v2 narrowing (`?category=laboratory`), as name/value pairs. */
  narrowing: ReadonlyArray<readonly [string, string]>;
}

const V2_ORDER = 'cruds';
const V1_SUFFIXES: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };
const SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z]+|\*)(?:\?(.+))?$/;

/** Parses one resource scope; returns undefined for anything else (`openid`, `launch`, malformed). */
export function parseScope(text: string): ResourceScope | undefined {
  const match = SCOPE.exec(text);
  if (!match) return undefined;
  const [, context, resourceType, suffix, query] = match;
  const letters = V1_SUFFIXES[suffix!] ?? suffix!;
  if (V1_SUFFIXES[suffix!] && query) return undefined;
  if (!isOrderedSubset(letters)) return undefined;
  return {
    context: context as ScopeContext,
    resourceType: resourceType!,
    interactions: new Set(letters.split('') as Interaction[]),
    narrowing: query ? [...new URLSearchParams(query)] : [],
  };
}

/** v2 letters must appear once each and in `cruds` order; `.dus` style suffixes are rejected. */
function isOrderedSubset(letters: string): boolean {
  let position = -1;
  for (const letter of letters) {
    const next = V2_ORDER.indexOf(letter);
    if (next <= position) return false;
    position = next;
  }
  return letters.length > 0;
}

/** True when `inner` grants nothing beyond `outer`. Non-resource scopes must match exactly. */
export function scopeWithin(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  const a = parseScope(inner);
  const b = parseScope(outer);
  if (!a || !b || a.context !== b.context) return false;
  if (b.resourceType !== '*' && b.resourceType !== a.resourceType) return false;
  for (const interaction of a.interactions) if (!b.interactions.has(interaction)) return false;
  return b.narrowing.every(([name, value]) => a.narrowing.some(([n, v]) => n === name && v === value));
}

/** Granted = requested ∩ allowed: each requested scope survives if some allowed scope contains it. */
export function grantScopes(requested: readonly string[], allowed: readonly string[]): string[] {
  return requested.filter((scope) => allowed.some((outer) => scopeWithin(scope, outer)));
}

/**
 * Whether any scope allows `interaction` on `resourceType`. A narrowed scope covers only searches that
 * carry the same parameter values, and never reads or writes: the narrowing cannot be checked there,
 * so it fails closed. Patient-context scopes are not pinned to a patient, because client_credentials
 * tokens carry no launch context.
 */
export function scopesCover(
  scopes: readonly string[],
  resourceType: string,
  interaction: Interaction,
  searchParams: ReadonlyArray<readonly [string, string]> = [],
): boolean {
  return scopes.some((text) => {
    const scope = parseScope(text);
    if (!scope?.interactions.has(interaction)) return false;
    if (scope.resourceType !== '*' && scope.resourceType !== resourceType) return false;
    if (scope.narrowing.length === 0) return true;
    if (interaction !== 's') return false;
    return scope.narrowing.every(([name, value]) => searchParams.some(([n, v]) => n === name && v === value));
  });
}
