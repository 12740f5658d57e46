import type { FhirResource } from './fhir-types.ts';
import type { SearchParamDef } from './search-params.ts';

export interface Indexable {
  name: string;
  def: SearchParamDef;
  values: string[];
}

interface Index {
  def: SearchParamDef;
  /** key → ids of resources holding it */
  ids: Map<string, Set<string>>;
  /** id → the keys it is filed under, to unfile it when it changes */
  keysOf: Map<string, string[]>;
}

/** The id at the end of a reference (`Patient/zz-1`, a bare `zz-1`, or an absolute URL). */
function lastSegment(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1);
}

/** Index key of a query value; undefined when the value cannot be looked up (e.g. `system|` alone). */
function queryKey(def: SearchParamDef, value: string): string | undefined {
  if (def.type === 'reference') return lastSegment(value);
  if (def.type !== 'token') return undefined;
  const code = value.slice(value.indexOf('|') + 1);
  return code === '' ? undefined : code;
}

function resourceKeys(def: SearchParamDef, resource: FhirResource): string[] {
  if (def.type === 'reference') return [...new Set(def.values(resource).map(lastSegment))];
  if (def.type === 'token') return [...new Set(def.values(resource).map((token) => token.code))];
  return [];
}

/**
 * Narrows a search to the resources that can possibly match its first reference or token
 * criterion (`patient=`, `identifier=`, `_id=`), so a chart lookup does not scan every encounter in
 * the EHR. A superset only: the full matcher still runs on what comes back, in store order.
 * An index is built the first time it is needed and kept current on every write.
 */
export interface Narrowing {
  type: string;
  /** What the store holds now: an index is first built from these. */
  stored: () => Iterable<FhirResource>;
  /** Every resource of the type in store order, for a search no index can narrow. */
  all: () => readonly FhirResource[];
  get: (id: string) => FhirResource | undefined;
  criteria: readonly Indexable[];
  /**
   * Called before the index is read, so the store can hold every resource the keys can match;
   * false when it cannot (the keys could be anywhere), and the criterion is left to the scan.
   */
  reach: (criterion: Indexable, keys: readonly string[]) => boolean;
}

export class SearchIndex {
  readonly #indexes = new Map<string, Map<string, Index>>();
  /** `Type/id` → order of first storage, the order searches return, for what `placeOf` does not place */
  readonly #order = new Map<string, number>();

  /** `placeOf` gives a resource's place in store order when it is fixed by its id (a population chart). */
  constructor(private readonly placeOf: (id: string) => number | undefined = () => undefined) {}

  /** Called by the store on every write, before or after any index exists. */
  recordWrite(resource: FhirResource): void {
    const id = resource.id!;
    const ref = `${resource.resourceType}/${id}`;
    if (this.placeOf(id) === undefined && !this.#order.has(ref)) this.#order.set(ref, this.#order.size);
    for (const index of this.#indexes.get(resource.resourceType)?.values() ?? []) file(index, id, resource);
  }

  narrow({ type, stored, all, get, criteria, reach }: Narrowing): readonly FhirResource[] {
    for (const criterion of criteria) {
      const keys = criterion.values.map((value) => queryKey(criterion.def, value));
      if (keys.length === 0 || keys.some((key) => key === undefined)) continue;
      if (!reach(criterion, keys as string[])) continue;
      const index = this.#index(type, criterion, stored);
      const ids = new Set(keys.flatMap((key) => [...(index.ids.get(key!) ?? [])]));
      const order = (id: string) =>
        this.placeOf(id) ?? Number.MAX_SAFE_INTEGER / 2 + (this.#order.get(`${type}/${id}`) ?? 0);
      return [...ids].sort((a, b) => order(a) - order(b)).flatMap((id) => get(id) ?? []);
    }
    return all();
  }

  #index(type: string, criterion: Indexable, stored: () => Iterable<FhirResource>): Index {
    let byName = this.#indexes.get(type);
    if (!byName) {
      byName = new Map();
      this.#indexes.set(type, byName);
    }
    let index = byName.get(criterion.name);
    if (!index) {
      index = { def: criterion.def, ids: new Map(), keysOf: new Map() };
      for (const resource of stored()) file(index, resource.id!, resource);
      byName.set(criterion.name, index);
    }
    return index;
  }
}

function file(index: Index, id: string, resource: FhirResource): void {
  for (const key of index.keysOf.get(id) ?? []) index.ids.get(key)?.delete(id);
  const keys = resourceKeys(index.def, resource);
  index.keysOf.set(id, keys);
  for (const key of keys) {
    const ids = index.ids.get(key);
    if (ids) ids.add(id);
    else index.ids.set(key, new Set([id]));
  }
}
