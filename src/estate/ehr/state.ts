import { createHash } from 'node:crypto';
import type { Actor } from '../../telemetry/event.ts';
import type { EstateContext } from '../context.ts';
import {
  type BreakGlassConfig,
  type BreakGlassGrant,
  defaultBreakGlassConfig,
} from './break-glass-policy.ts';
import type { FhirAuditEvent, FhirPatient, FhirResource } from './fhir-types.ts';
import { type ChartSource, LazyCharts } from './lazy-charts.ts';
import { type Indexable, SearchIndex } from './search-index.ts';

export const EHR_RESOURCE_TYPES = [
  'Patient',
  'Encounter',
  'Condition',
  'Appointment',
  'Practitioner',
] as const;
export type EhrResourceType = (typeof EHR_RESOURCE_TYPES)[number];

export interface EhrClient {
  clientId: string;
  clientSecret: string;
  name: string;
  /** The most this client may ever be granted. */
  scopes: string[];
  /** Who the client's calls are attributed to in telemetry and audit. */
  actor: Actor;
}

export interface IssuedToken {
  clientId: string;
  scopes: string[];
  actor: Actor;
  issuedAt: number;
  expiresAt: number;
  revokedAt?: number;
  /** Set on tokens issued by an emergency override. */
  breakGlass?: BreakGlassGrant;
}

/** A refresh token, issued when `offline_access` is granted; it outlives every access token it mints. */
export interface RefreshGrant {
  clientId: string;
  scopes: string[];
  actor: Actor;
  issuedAt: number;
  revokedAt?: number;
}

export interface EhrAuditConfig {
  enabled: boolean;
  /** Dotted element paths left out of every recorded AuditEvent, e.g. `agent.network`. */
  omitFields?: string[];
}

export type PatientChangeKind = 'create' | 'update';
export type PatientChangeListener = (patient: FhirPatient, kind: PatientChangeKind) => void;

/** A search whose later pages are fetched by an opaque `_getpages` handle, so page links carry no PHI. */
export interface StoredSearch {
  resourceType: string;
  params: Array<[string, string]>;
}

export function isEhrResourceType(type: string): type is EhrResourceType {
  return (EHR_RESOURCE_TYPES as readonly string[]).includes(type);
}

/** What the simulated EHR holds. Drills reach in here to seed, degrade controls and inspect the trail. */
export class EhrState {
  readonly resources = new Map<EhrResourceType, Map<string, FhirResource>>(
    EHR_RESOURCE_TYPES.map((type) => [type, new Map()]),
  );
  readonly auditEvents: FhirAuditEvent[] = [];
  readonly config: { audit: EhrAuditConfig; breakGlass: BreakGlassConfig } = {
    audit: { enabled: true },
    breakGlass: defaultBreakGlassConfig(),
  };
  readonly clients = new Map<string, EhrClient>();
  readonly tokens = new Map<string, IssuedToken>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly searches = new Map<string, StoredSearch>();
  /** A change listener that threw; recorded instead of failing the write that triggered it. */
  readonly listenerErrors: Array<{ patientId: string; error: unknown }> = [];
  readonly #listeners = new Set<PatientChangeListener>();
  readonly searchIndex = new SearchIndex((id) => this.#charts?.orderOf(id));
  #charts: LazyCharts | undefined;
  /** When the population was seeded: the `meta.lastUpdated` of a chart as first built. */
  #chartStamp = '';

  constructor(private readonly ctx: EstateContext) {}

  /**
   * Seeds a synthetic population whose charts are built on first touch (read, search, update)
   * rather than now; a built chart is the one seeding it in full would have stored at this instant.
   */
  seedPopulation(source: ChartSource): void {
    if (this.#charts) throw new Error('the EHR already holds a population');
    this.#charts = new LazyCharts(source);
    this.#chartStamp = this.#lastUpdated();
  }

  /** How many population charts have been built so far. */
  get builtCharts(): number {
    return this.#charts?.builtCount ?? 0;
  }

  get(type: string, id: string): FhirResource | undefined {
    if (!isEhrResourceType(type)) return undefined;
    this.#buildChartOf(id);
    return this.resources.get(type)!.get(id);
  }

  /** Every resource of a type in store order; builds every chart of the population. */
  all(type: EhrResourceType): FhirResource[] {
    this.buildAllCharts();
    return this.#inStoreOrder(this.resources.get(type)!.values());
  }

  buildAllCharts(): void {
    for (let index = 0; index < (this.#charts?.source.count ?? 0); index++) this.#buildChart(index);
  }

  /** Candidates of a search, in store order, building only the charts its first indexed criterion can reach. */
  candidates(type: EhrResourceType, criteria: readonly Indexable[]): readonly FhirResource[] {
    return this.searchIndex.narrow({
      type,
      stored: () => this.resources.get(type)!.values(),
      all: () => this.#scan(type),
      get: (id) => this.resources.get(type)!.get(id),
      criteria,
      reach: (criterion, keys) => this.#reach(criterion, keys),
    });
  }

  /**
   * Every resource of a type in store order for a search no index narrows, without keeping the
   * charts it had to build: an unbuilt chart is rebuilt for the scan and dropped, so a whole-table
   * search costs time, not memory.
   */
  #scan(type: EhrResourceType): FhirResource[] {
    const charts = this.#charts;
    const stored = this.resources.get(type)!.values();
    if (!charts) return [...stored];
    const unbuilt: FhirResource[] = [];
    for (let index = 0; index < charts.source.count; index++) {
      if (charts.isBuilt(index)) continue;
      for (const resource of charts.source.chart(index))
        if (resource.resourceType === type) unbuilt.push(this.#stamped(resource, 1, this.#chartStamp));
    }
    return this.#inStoreOrder([...unbuilt, ...stored]);
  }

  /** Appointments starting in [from, to), as stored (or as they would be stored once their chart is built). */
  appointmentsBetween(from: number, to: number): FhirResource[] {
    const due: FhirResource[] = [];
    const starting = (resource: FhirResource) => {
      const start = Date.parse(String((resource as { start?: unknown }).start));
      return start >= from && start < to;
    };
    for (const index of this.#charts?.source.appointmentIndexesBetween(from, to) ?? []) {
      if (this.#charts!.isBuilt(index)) continue;
      const unbuilt = this.#charts!.source.chart(index).filter((r) => r.resourceType === 'Appointment');
      for (const resource of unbuilt.filter(starting)) due.push(this.#stamped(resource, 1, this.#chartStamp));
    }
    for (const resource of this.resources.get('Appointment')!.values())
      if (starting(resource)) due.push(resource);
    return due;
  }

  /** Loads FHIR JSON resources; a Patient that is new or replaced is announced on the change feed. */
  seed(resources: readonly FhirResource[]): void {
    this.#check(resources);
    for (const resource of resources) this.put(structuredClone(resource));
  }

  /**
   * `seed` for resources the caller built for the EHR alone and never touches again (a freshly
   * generated chart): stored without the defensive copy, which is most of what seeding a large
   * population would otherwise cost.
   */
  adopt(resources: readonly FhirResource[]): void {
    this.#check(resources);
    for (const resource of resources) this.#store(resource);
  }

  #check(resources: readonly FhirResource[]): void {
    for (const resource of resources) {
      if (!isEhrResourceType(resource.resourceType)) {
        throw new Error(
          `the EHR cannot hold ${resource.resourceType} resources (${EHR_RESOURCE_TYPES.join(', ')})`,
        );
      }
      if (!resource.id) throw new Error(`cannot seed a ${resource.resourceType} without an id`);
    }
  }

  /** Stores a resource with a fresh version; returns the stored copy. */
  put<T extends FhirResource>(resource: T): T {
    return this.#store({ ...resource });
  }

  /** Files `stored`, which the store now owns, as the next version of its resource. */
  #store<T extends FhirResource>(stored: T): T {
    const type = stored.resourceType as EhrResourceType;
    const id = stored.id!;
    this.#buildChartOf(id);
    const previous = this.resources.get(type)!.get(id);
    const version = Number(previous?.meta?.versionId ?? 0) + 1;
    this.#file(this.#stamped(stored, version, this.#lastUpdated()));
    if (type === 'Patient') this.#announce(stored as unknown as FhirPatient, previous ? 'update' : 'create');
    return stored;
  }

  #file(stored: FhirResource): void {
    this.resources.get(stored.resourceType as EhrResourceType)!.set(stored.id!, stored);
    this.searchIndex.recordWrite(stored);
  }

  #stamped<T extends FhirResource>(resource: T, version: number, lastUpdated: string): T {
    resource.meta = { ...resource.meta, versionId: String(version), lastUpdated };
    return resource;
  }

  #buildChartOf(id: string): void {
    const index = this.#charts?.indexOfId(id);
    if (index !== undefined) this.#buildChart(index);
  }

  /** Stores a chart as seeding would have: version 1, the seeding instant, announced to no one. */
  #buildChart(index: number): void {
    for (const resource of this.#charts!.take(index) ?? [])
      this.#file(this.#stamped(resource, 1, this.#chartStamp));
  }

  /**
   * Builds the charts a search's indexed criterion can match: the one chart a patient reference,
   * chart resource id or MRN names. False when a key could be in any chart (a practitioner, a code):
   * the search then scans instead of building every chart.
   */
  #reach(criterion: Indexable, keys: readonly string[]): boolean {
    const charts = this.#charts;
    if (!charts) return true;
    const byId = criterion.def.type === 'reference' || criterion.name === '_id';
    const indexes = keys.map((key) =>
      byId ? charts.indexOfId(key) : criterion.name === 'identifier' ? charts.indexOfMrn(key) : undefined,
    );
    if (indexes.some((index) => index === undefined)) return false;
    for (const index of indexes) this.#buildChart(index!);
    return true;
  }

  /** Chart resources by their place in the population, then everything written since, as first stored. */
  #inStoreOrder(values: Iterable<FhirResource>): FhirResource[] {
    const charts = this.#charts;
    const all = [...values];
    if (!charts) return all;
    const place = new Map(
      all.map((resource, at) => [resource, charts.orderOf(resource.id!) ?? charts.end + at]),
    );
    return all.sort((a, b) => place.get(a)! - place.get(b)!);
  }

  /** Background edits (address moves, phone changes) that the sync job should pick up. */
  updatePatient(id: string, patch: Partial<Omit<FhirPatient, 'resourceType' | 'id'>>): FhirPatient {
    const current = this.get('Patient', id);
    if (!current) throw new Error(`no Patient/${id} in the EHR`);
    return this.put({ ...(current as FhirPatient), ...structuredClone(patch), resourceType: 'Patient', id });
  }

  /** Subscribes to Patient creates and updates; returns the unsubscribe function. */
  onPatientChange(listener: PatientChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  addClient(client: EhrClient): void {
    if (this.clients.has(client.clientId))
      throw new Error(`EHR client ${client.clientId} is already registered`);
    this.clients.set(client.clientId, { ...client, scopes: [...client.scopes] });
  }

  /** Marks a token revoked; false when it was never issued. */
  revokeToken(token: string): boolean {
    const issued = this.tokens.get(token);
    if (!issued) return false;
    issued.revokedAt ??= this.ctx.clock.now();
    return true;
  }

  /** A handle that looks random but is derived from the seed, so reruns issue the same values. */
  opaqueHandle(prefix: string): string {
    const digest = createHash('sha256')
      .update(`${this.ctx.seed}:${this.ctx.nextId(prefix)}`)
      .digest('base64url');
    return `${prefix}_${digest.slice(0, 32)}`;
  }

  #stamp: { at: number; iso: string } | undefined;

  /** The clock's time as `meta.lastUpdated`; a seeded population is stored in one instant, formatted once. */
  #lastUpdated(): string {
    const at = this.ctx.clock.now();
    if (this.#stamp?.at !== at) this.#stamp = { at, iso: new Date(at).toISOString() };
    return this.#stamp.iso;
  }

  #announce(patient: FhirPatient, kind: PatientChangeKind): void {
    for (const listener of this.#listeners) {
      try {
        listener(structuredClone(patient), kind);
      } catch (error) {
        this.listenerErrors.push({ patientId: patient.id!, error });
      }
    }
  }
}
