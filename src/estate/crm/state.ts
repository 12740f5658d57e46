import type { Actor } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { ApiLimits } from './api-limits.ts';
import {
  AuthRegistry,
  type ConnectedApp,
  type ConnectedAppInput,
  type CrmUser,
  type CrmUserInput,
  hasPermission,
  hasScope,
  opaque,
  type SessionLevel,
  type TokenGrant,
} from './auth.ts';
import { COMPUTED_OBJECTS } from './computed-objects.ts';
import { EventLog, type EventLogRow, type EventMonitoringConfig } from './event-log.ts';
import { fieldPermissionRecords } from './field-permissions.ts';
import { FieldSecurity } from './field-security.ts';
import { createIdFactory, type IdBlock, type KeyPrefixName, reserveIds } from './ids.ts';
import type { AccountLoad } from './loaded-accounts.ts';
import { oauthTokenRecords } from './oauth-token-object.ts';
import { type FaultSwitch, RecordStore } from './records.ts';
import type { ObjectDef, StoredObjectName } from './schema.ts';
import { compileSoql, type RecordSource, type SObjectRecord } from './soql/evaluate.ts';
import { emitCrmEvent } from './telemetry.ts';

export interface CrmConfig {
  eventMonitoring: EventMonitoringConfig;
  /** Idle time after which a session's access token stops working (Salesforce's default is 2 hours). */
  sessionTimeoutMs: number;
}

export interface CrmReport {
  id: string;
  name: string;
  /** The report's definition, as the SOQL its detail rows come from. */
  soql: string;
  description?: string;
  ownerId: string;
}

export interface QueryResult {
  totalSize: number;
  done: boolean;
  records: SObjectRecord[];
}

/** A server-side cursor behind `nextRecordsUrl`. */
export interface QueryLocator {
  userId: string;
  /** The SOQL that opened the cursor: every page's audit rows carry it, as the first page's do. */
  query: string;
  object: string;
  fields: string[];
  records: SObjectRecord[];
  batchSize: number;
  /** A row as the response carries it, relationships nested. */
  shape: (record: SObjectRecord) => Record<string, unknown>;
}

/**
 * Everything the simulated org holds: records, users, connected apps, sessions, event logs, and the
 * switches a drill flips (event monitoring, write faults). Usable in-process by the estate and
 * served over HTTP by the handlers.
 */
export class CrmState {
  readonly orgId: string;
  readonly config: CrmConfig = { eventMonitoring: { enabled: true }, sessionTimeoutMs: 2 * 3_600_000 };
  readonly auth = new AuthRegistry();
  readonly records: RecordStore;
  readonly log: EventLog;
  readonly reports = new Map<string, CrmReport>();
  readonly locators = new Map<string, QueryLocator>();
  /** REST API allocation, per-client throttle and blocked sources. */
  readonly limits = new ApiLimits();
  /** Per-profile field-level security, enforced by query, retrieve and describe. */
  readonly fieldSecurity = new FieldSecurity();
  /** Owner of records written by the estate itself rather than by a user. */
  readonly systemUserId: string;
  readonly mintId: (name: KeyPrefixName) => string;
  readonly #shares = new Map<string, Set<string>>();
  /** Users a sharing rule lets read and edit every loaded patient account. */
  readonly #loadedAccountReaders = new Set<string>();

  constructor(
    readonly ctx: EstateContext,
    readonly apiVersion: string,
  ) {
    this.mintId = createIdFactory(ctx);
    this.orgId = this.mintId('Organization');
    this.records = new RecordStore(this.mintId, () => ctx.clock.now());
    this.log = new EventLog(
      this.config,
      this.orgId,
      () => this.mintId('EventLogFile'),
      apiVersion,
      () => ctx.clock.now(),
      ctx.seed,
    );
    this.systemUserId = this.#insertUser({
      username: `autoproc@${this.orgId.toLowerCase()}.invalid`,
      password: '',
      name: 'Automated Process',
      profile: 'System',
      userType: 'Integration',
      permissions: ['ModifyAllData'],
      actorType: 'service',
    }).id;
  }

  get eventLog(): readonly EventLogRow[] {
    return this.log.rows;
  }

  get tokens(): Map<string, TokenGrant> {
    return this.auth.tokens;
  }

  get faults(): FaultSwitch {
    return this.records.faults;
  }

  /** `fields` may be any plain record shape (interfaces included); unknown fields are INVALID_FIELD. */
  insert(object: string, fields: object): SObjectRecord {
    return { ...this.records.insert(object, fields as Record<string, unknown>, this.systemUserId) };
  }

  /**
   * Loads the org's patients as person accounts owned by the org, each made on first touch
   * (loaded-accounts.ts); returns the accounts' ids by position.
   */
  loadAccounts(load: AccountLoad): IdBlock {
    const ids = {
      Account: reserveIds(this.ctx, 'Account', load.count),
      Contact: reserveIds(this.ctx, 'Contact', load.count),
    };
    this.records.load(load, ids, this.systemUserId);
    return ids.Account;
  }

  update(object: string, id: string, fields: object): SObjectRecord {
    return { ...this.records.update(object, id, fields as Record<string, unknown>, this.systemUserId) };
  }

  upsert(object: string, externalField: string, value: string, fields: object) {
    const values = fields as Record<string, unknown>;
    const { record, created } = this.records.upsert(object, externalField, value, values, this.systemUserId);
    return { record: { ...record }, created };
  }

  get(object: StoredObjectName, id: string): SObjectRecord | undefined {
    const record = this.records.get(object, id);
    return record && { ...record };
  }

  /** Runs SOQL with system visibility (every live record), projected to the selected fields. */
  query(soql: string): QueryResult {
    const compiled = compileSoql(soql);
    const rows = compiled.select(this.sourceOf(compiled.object, false), this.ctx.clock.now());
    const records = compiled.count
      ? []
      : rows.map((r) => Object.fromEntries(compiled.fields.map((f) => [f, r[f] ?? null])));
    return { totalSize: rows.length, done: true, records };
  }

  recordsOf(object: ObjectDef, includeDeleted: boolean): SObjectRecord[] {
    if (object.name === 'EventLogFile') return this.log.files();
    if (object.name === 'OauthToken') return oauthTokenRecords(this);
    if (object.name === 'FieldPermissions') return fieldPermissionRecords(this);
    return this.records.list(object.name as StoredObjectName, includeDeleted);
  }

  /**
   * The records a query over `object` reads, narrowed to those `visible` admits (a sharing decision,
   * on a record's Id and OwnerId): listed only when the query scans, looked up by index when one of
   * its conjuncts is selective, and only as far as a limited sort on a load's timestamp can reach.
   */
  sourceOf(
    object: ObjectDef,
    includeDeleted: boolean,
    visible: (record: SObjectRecord) => boolean = () => true,
  ): RecordSource {
    const stored = !COMPUTED_OBJECTS.has(object.name);
    return {
      all: () => this.recordsOf(object, includeDeleted).filter(visible),
      lookup: (field, values) =>
        stored
          ? this.records
              .lookup(object.name as StoredObjectName, field, values, includeDeleted)
              ?.filter(visible)
          : undefined,
      leading: (sort) =>
        stored
          ? this.records.leading(object.name as StoredObjectName, sort, includeDeleted, visible)
          : undefined,
    };
  }

  addUser(input: CrmUserInput): CrmUser {
    if (this.auth.userByName(input.username)) throw new Error(`duplicate CRM username ${input.username}`);
    return this.#insertUser(input);
  }

  addConnectedApp(input: ConnectedAppInput): ConnectedApp {
    if (this.auth.appByClientId(input.clientId))
      throw new Error(`duplicate connected app client id ${input.clientId}`);
    const app: ConnectedApp = { ...input, id: this.mintId('ConnectedApplication') };
    this.auth.apps.set(app.id, app);
    return app;
  }

  addReport(input: { name: string; soql: string; description?: string; ownerId?: string }): CrmReport {
    compileSoql(input.soql);
    const report: CrmReport = {
      ...input,
      id: this.mintId('Report'),
      ownerId: input.ownerId ?? this.systemUserId,
    };
    this.reports.set(report.id, report);
    return report;
  }

  /** Grants a user read and edit access to one record (a manual share). */
  share(recordId: string, userId: string): void {
    const found = this.records.byId(recordId);
    if (!found) throw new Error(`no CRM record ${recordId}`);
    const id = found.record.Id as string;
    if (!this.#shares.has(id)) this.#shares.set(id, new Set());
    this.#shares.get(id)!.add(userId);
  }

  /**
   * A sharing rule: the user reads and edits every loaded patient account, as a criteria-based rule
   * on the patients' record type would grant, without a share row per account.
   */
  shareLoadedAccounts(userId: string): void {
    this.#loadedAccountReaders.add(userId);
  }

  /** Sharing kept simple: owners and share grantees see a record; View All Data sees everything. */
  canRead(user: CrmUser, record: SObjectRecord): boolean {
    return hasPermission(user, 'ViewAllData') || this.#ownsOrShared(user, record);
  }

  /** Field-level security applies to every user, View All Data included, as in Salesforce. */
  canReadField(user: CrmUser, object: string, field: string): boolean {
    return this.fieldSecurity.canRead(user.profile, object, field);
  }

  canEdit(user: CrmUser, record: SObjectRecord): boolean {
    return hasPermission(user, 'ModifyAllData') || this.#ownsOrShared(user, record);
  }

  issueToken(
    user: CrmUser,
    app: ConnectedApp,
    scopes: string[],
    options: { refresh: boolean; sessionLevel?: SessionLevel; loginKey?: string },
  ): { accessToken: string; grant: TokenGrant } {
    const sequence = this.ctx.nextId('sf-token');
    const now = this.ctx.clock.now();
    const accessToken = `${this.orgId.slice(0, 15)}!${opaque(this.ctx.seed, `access:${sequence}`, 96)}`;
    const loginKey = options.loginKey ?? opaque(this.ctx.seed, `login:${sequence}`, 16);
    const grant: TokenGrant = {
      userId: user.id,
      clientId: app.clientId,
      scopes,
      issuedAt: now,
      sessionLevel: options.sessionLevel ?? 'STANDARD',
      sessionKey: opaque(this.ctx.seed, `session:${sequence}`, 16),
      loginKey,
      lastUsedAt: now,
    };
    if (options.refresh && hasScope(scopes, 'refresh_token')) {
      grant.refreshToken = `5Aep861${opaque(this.ctx.seed, `refresh:${sequence}`, 80)}`;
      this.auth.refreshTokens.set(grant.refreshToken, {
        userId: user.id,
        clientId: app.clientId,
        scopes,
        issuedAt: now,
        loginKey,
      });
    }
    this.auth.tokens.set(accessToken, grant);
    return { accessToken, grant };
  }

  /** The live grant behind an access token; revoked and idle-expired sessions have none. */
  activeGrant(accessToken: string): TokenGrant | undefined {
    const grant = this.auth.tokens.get(accessToken);
    const now = this.ctx.clock.now();
    if (!grant || grant.revokedAt !== undefined || now - grant.lastUsedAt > this.config.sessionTimeoutMs)
      return undefined;
    return grant;
  }

  /**
   * Revokes an access token (and the refresh token it came with) or a refresh token (and every
   * access token minted from its login). Returns false when the token is unknown.
   */
  revokeToken(token: string, by: { caller?: Caller; actor?: Actor } = {}): boolean {
    const now = this.ctx.clock.now();
    const access = this.auth.tokens.get(token);
    const refreshToken = access ? access.refreshToken : token;
    const refresh = refreshToken === undefined ? undefined : this.auth.refreshTokens.get(refreshToken);
    if (!access && !refresh) return false;
    if (access) access.revokedAt ??= now;
    if (refresh) {
      refresh.revokedAt ??= now;
      for (const grant of this.auth.tokens.values()) {
        if (grant.refreshToken === refreshToken || grant.loginKey === refresh.loginKey)
          grant.revokedAt ??= now;
      }
    }
    const grant = access ?? [...this.auth.tokens.values()].find((g) => g.loginKey === refresh?.loginKey);
    const user = grant && this.auth.users.get(grant.userId);
    emitCrmEvent(this.ctx, {
      action: 'oauth.revoke',
      caller: by.caller ?? { sourceIp: '127.0.0.1', requestId: this.ctx.nextId('req') },
      status: 200,
      actor: by.actor ?? { id: 'crm-admin', type: 'responder' },
      ...(grant ? { grant } : {}),
      ...(grant ? { app: this.auth.appByClientId(grant.clientId) } : {}),
      resource: { type: 'OAuthToken', ...(user ? { id: user.id } : {}) },
      ...(grant ? { scopes: grant.scopes } : {}),
    });
    return true;
  }

  #ownsOrShared(user: CrmUser, record: SObjectRecord): boolean {
    const id = record.Id as string;
    return (
      record.OwnerId === user.id ||
      (this.#shares.get(id)?.has(user.id) ?? false) ||
      (this.#loadedAccountReaders.has(user.id) && this.records.isLoadedAccount(id))
    );
  }

  #insertUser(input: CrmUserInput): CrmUser {
    const [first, ...rest] = input.name.split(' ');
    const last = rest.length > 0 ? rest.join(' ') : (first ?? input.name);
    const record = this.records.insert(
      'User',
      {
        Username: input.username,
        FirstName: rest.length > 0 ? first : null,
        LastName: last,
        Email: input.email ?? input.username,
        IsActive: true,
        ProfileName__c: input.profile,
      },
      this.systemUserId ?? 'system',
    );
    record.Name = input.name;
    record.UserType = input.userType;
    const user: CrmUser = { ...input, id: record.Id as string };
    if (!this.systemUserId)
      Object.assign(record, { OwnerId: user.id, CreatedById: user.id, LastModifiedById: user.id });
    this.auth.users.set(user.id, user);
    return user;
  }
}
