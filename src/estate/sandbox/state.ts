import { createHash } from 'node:crypto';
import type { Actor } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import type { SObjectRecord } from '../crm/index.ts';
import { compileSoql } from '../crm/soql/evaluate.ts';
import { maskAccount } from './data-mask.ts';
import { emitSandboxEvent } from './telemetry.ts';

/** SandboxInfo.LicenseType: which copy of production a sandbox holds (Full and Partial copy data). */
export type SandboxLicense = 'FULL' | 'PARTIAL' | 'DEVELOPER_PRO' | 'DEVELOPER';

export interface Sandbox {
  name: string;
  license: SandboxLicense;
  /** SandboxProcess.SandboxOrganization: the sandbox is an org of its own. */
  organizationId: string;
  /** The patient accounts copied from production at the last refresh, masked or not. */
  accounts: SObjectRecord[];
  /** Whether the masking policy ran on the last copy (the sandbox itself cannot tell what its data is). */
  masked: boolean;
  refreshedAt?: number;
  /** Containment: sign-ins refused and sessions ended, so nobody reads the copy until it is masked or deleted. */
  accessSuspended: boolean;
}

export interface SandboxUser {
  username: string;
  password: string;
  name: string;
  type: Actor['type'];
}

export interface SandboxRefresh {
  by: Actor;
  caller: Caller;
  /** Run the Data Mask policy on the copy (the organisation's procedure); false leaves production PHI. */
  mask: boolean;
}

/**
 * How many records of an object a refresh copies (Salesforce Help, "Sandbox Types and Templates"):
 * a Full sandbox copies all production data, a Partial Copy sandbox a sample of up to 10,000 records
 * per object, and Developer and Developer Pro sandboxes metadata only.
 */
export const COPY_LIMIT: Readonly<Record<SandboxLicense, number>> = {
  FULL: Number.POSITIVE_INFINITY,
  PARTIAL: 10_000,
  DEVELOPER_PRO: 0,
  DEVELOPER: 0,
};

/** Where the sandboxes' own console actions come from (RFC 5737 documentation range). */
export const SANDBOX_CONSOLE_IP = '192.0.2.13';

/**
 * The organisation's non-production Salesforce orgs: each refresh copies the production patient
 * accounts into a sandbox that outside developers sign in to, and the Data Mask policy is meant to run
 * on the copy before they do. Emits what the org records: the refresh (Setup Audit Trail and
 * SandboxProcess), the masking job run, and each sign-in and query inside the sandbox.
 */
export class SandboxState {
  readonly sandboxes = new Map<string, Sandbox>();
  readonly users: readonly SandboxUser[];
  readonly #tokens = new Map<string, { sandbox: string; user: SandboxUser }>();

  constructor(
    readonly ctx: EstateContext,
    /** The production patient accounts a copy takes, the first `limit` of them. */
    private readonly production: (limit: number) => SObjectRecord[],
  ) {
    const secret = (who: string) =>
      createHash('sha256').update(`sandbox:${ctx.seed}:${who}`).digest('base64url').slice(0, 16);
    const user = (username: string, name: string, type: Actor['type']) => ({
      username,
      name,
      type,
      password: secret(username),
    });
    this.users = [
      user('dev1@contractor.example.com', 'Contract Developer 1', 'engineer'),
      user('dev2@contractor.example.com', 'Contract Developer 2', 'engineer'),
      user('qa1@contractor.example.com', 'Contract QA Analyst', 'engineer'),
      user('nonprod-scanner@clinic.example.org', 'Non-production PHI scanner', 'service'),
    ];
  }

  /** A sandbox as it stands when the drill starts: last refreshed before it, and masked. */
  create(name: string, license: SandboxLicense): Sandbox {
    if (name === 'admin' || this.sandboxes.has(name)) throw new Error(`sandbox name ${name} is taken`);
    let copy: SObjectRecord[] | undefined;
    const sandbox = {
      name,
      license,
      organizationId: `00D${createHash('sha256').update(name).digest('hex').slice(0, 12).toUpperCase()}`,
      masked: true,
      accessSuspended: false,
    } as Sandbox;
    // The starting copy is made on first read: a drill that never opens a sandbox does not pay for
    // masking the whole population twice.
    Object.defineProperty(sandbox, 'accounts', {
      enumerable: true,
      get: () => {
        copy ??= this.production(COPY_LIMIT[license]).map((record, n) => maskAccount(record, n));
        return copy;
      },
      set: (accounts: SObjectRecord[]) => {
        copy = accounts;
      },
    });
    this.sandboxes.set(name, sandbox);
    return sandbox;
  }

  get(name: string): Sandbox | undefined {
    return this.sandboxes.get(name);
  }

  userByName(username: string): SandboxUser | undefined {
    return this.users.find((user) => user.username === username);
  }

  /** Copies production into the sandbox (and masks it when asked), recording both steps. */
  refresh(name: string, { by, caller, mask }: SandboxRefresh): Sandbox {
    const sandbox = this.#require(name);
    const copied = this.production(COPY_LIMIT[sandbox.license]);
    sandbox.accounts = copied;
    sandbox.masked = false;
    sandbox.refreshedAt = this.ctx.clock.now();
    for (const [token, held] of this.#tokens) if (held.sandbox === name) this.#tokens.delete(token);
    emitSandboxEvent(this.ctx, 'sandbox.refresh', by, caller, 'SandboxProcess', {
      SandboxName: name,
      LicenseType: sandbox.license,
      Status: 'Completed',
      CopyProgress: 100,
      SandboxOrganization: sandbox.organizationId,
      Section: 'Sandboxes',
      Display: `Refreshed sandbox ${name}`,
    });
    if (mask) {
      sandbox.accounts = copied.map((record, n) => maskAccount(record, n));
      sandbox.masked = true;
      emitSandboxEvent(
        this.ctx,
        'sandbox.datamask',
        { id: 'data-mask', type: 'service', name: 'Data Mask' },
        { ...caller, requestId: this.ctx.nextId('req') },
        'DataMaskPolicyJobRun',
        {
          SandboxName: name,
          DataMaskPolicy: 'Patient accounts',
          Status: 'Completed',
          RecordsMasked: copied.length,
        },
      );
    }
    return sandbox;
  }

  /** Password sign-in to a sandbox; undefined (and a failed Login event) on a wrong password or suspension. */
  login(name: string, username: string, password: string, caller: Caller): string | undefined {
    const sandbox = this.#require(name);
    const user = this.userByName(username);
    const ok = user !== undefined && user.password === password && !sandbox.accessSuspended;
    const actor: Actor = user
      ? { id: user.username, type: user.type, name: user.name }
      : { id: username, type: 'anonymous' };
    const status =
      !user || user.password !== password ? 'LOGIN_ERROR_INVALID_PASSWORD' : 'LOGIN_ERROR_ORG_SUSPENDED';
    emitSandboxEvent(
      this.ctx,
      'sandbox.login',
      actor,
      caller,
      'User',
      { SandboxName: name, LOGIN_STATUS: ok ? 'LOGIN_NO_ERROR' : status },
      ok ? 'success' : 'denied',
    );
    if (!ok) return undefined;
    const token = `sbx_${createHash('sha256').update(`${name}:${username}:${caller.requestId}`).digest('base64url')}`;
    this.#tokens.set(token, { sandbox: name, user });
    return token;
  }

  /** The user a live token signs in as, in the sandbox it was issued for. */
  sessionOf(name: string, token: string | undefined): SandboxUser | undefined {
    const held = token === undefined ? undefined : this.#tokens.get(token);
    return held?.sandbox === name && !this.#require(name).accessSuspended ? held.user : undefined;
  }

  /** Runs SOQL over the sandbox's copy of the patient accounts, as the signed-in user. */
  query(name: string, user: SandboxUser, soql: string, caller: Caller): Record<string, unknown>[] {
    const sandbox = this.#require(name);
    const compiled = compileSoql(soql);
    if (compiled.object.name !== 'Account') throw new Error(`the sandbox copy holds Account only`);
    const rows = compiled.run(sandbox.accounts, this.ctx.clock.now());
    const records = rows.map((row) => Object.fromEntries(compiled.fields.map((f) => [f, row[f] ?? null])));
    emitSandboxEvent(
      this.ctx,
      'sandbox.query',
      { id: user.username, type: user.type, name: user.name },
      caller,
      'Account',
      { SandboxName: name, QUERY: soql },
      'success',
      { rows: records.length, fields: compiled.fields },
    );
    return records;
  }

  /** Containment: ends every session in the sandbox and refuses sign-ins until lifted. */
  suspendAccess(name: string, by: Actor, caller: Caller): boolean {
    const sandbox = this.#require(name);
    if (sandbox.accessSuspended) return false;
    sandbox.accessSuspended = true;
    for (const [token, held] of this.#tokens) if (held.sandbox === name) this.#tokens.delete(token);
    emitSandboxEvent(this.ctx, 'sandbox.access.suspend', by, caller, 'SandboxInfo', { SandboxName: name });
    return true;
  }

  /** Puts a sandbox back exactly as a snapshot held it, silently (an inject's revert). */
  restore(snapshot: Sandbox): void {
    this.sandboxes.set(snapshot.name, { ...snapshot, accounts: [...snapshot.accounts] });
  }

  #require(name: string): Sandbox {
    const sandbox = this.sandboxes.get(name);
    if (!sandbox) throw new Error(`no sandbox named ${name}`);
    return sandbox;
  }
}
