import type { FhirResource } from './fhir-types.ts';
import type { SearchParamDef } from './search-params.ts';

interface Indexable {
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
export class SearchIndex {
  readonly #indexes = new Map<string, Map<string, Index>>();
  /** `Type/id` → order of first storage, the order searches return */
  readonly #order = new Map<string, number>();

  /** Called by the store on every write, before or after any index exists. */
  recordWrite(resource: FhirResource): void {
    const id = resource.id!;
    const ref = `${resource.resourceType}/${id}`;
    if (!this.#order.has(ref)) this.#order.set(ref, this.#order.size);
    for (const index of this.#indexes.get(resource.resourceType)?.values() ?? []) file(index, id, resource);
  }

  narrow(
    type: string,
    pool: () => readonly FhirResource[],
    get: (id: string) => FhirResource | undefined,
    criteria: readonly Indexable[],
  ): readonly FhirResource[] {
    for (const criterion of criteria) {
      const keys = criterion.values.map((value) => queryKey(criterion.def, value));
      if (keys.length === 0 || keys.some((key) => key === undefined)) continue;
      const index = this.#index(type, criterion, pool);
      const ids = new Set(keys.flatMap((key) => [...(index.ids.get(key!) ?? [])]));
      const order = (id: string) => this.#order.get(`${type}/${id}`) ?? 0;
      return [...ids].sort((a, b) => order(a) - order(b)).flatMap((id) => get(id) ?? []);
    }
    return pool();
  }

  #index(type: string, criterion: Indexable, pool: () => readonly FhirResource[]): Index {
    let byName = this.#indexes.get(type);
    if (!byName) {
      byName = new Map();
      this.#indexes.set(type, byName);
    }
    let index = byName.get(criterion.name);
    if (!index) {
      index = { def: criterion.def, ids: new Map(), keysOf: new Map() };
      for (const resource of pool()) file(index, resource.id!, resource);
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
