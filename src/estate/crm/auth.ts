import { createHash } from 'node:crypto';
import type { ActorType } from '../../telemetry/event.ts';

export type UserType = 'Standard' | 'Integration' | 'Admin';
export type SessionLevel = 'STANDARD' | 'HIGH_ASSURANCE';

export interface CrmUserInput {
  username: string;
  password: string;
  name: string;
  profile: string;
  userType: UserType;
  /** e.g. 'ApiEnabled', 'ViewAllData', 'ModifyAllData', 'ViewEventLogFiles' */
  permissions: string[];
  email?: string;
  /** How telemetry labels this user; defaults from userType (Integration → integration, Admin → admin). */
  actorType?: ActorType;
}

export interface CrmUser extends CrmUserInput {
  id: string;
}

export interface ConnectedAppInput {
  name: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  thirdParty: boolean;
  /** PEM public key that verifies RS256 JWT-bearer assertions. */
  jwtPublicKeyPem?: string;
  /** Username the client-credentials flow runs as. */
  runAsUsername?: string;
}

export interface ConnectedApp extends ConnectedAppInput {
  id: string;
}

export interface TokenGrant {
  userId: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  refreshToken?: string;
  revokedAt?: number;
  sessionLevel: SessionLevel;
  /** What logs show for the session: derived from the token, never the token itself. */
  sessionKey: string;
  loginKey: string;
  lastUsedAt: number;
}

export interface RefreshGrant {
  userId: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  loginKey: string;
  revokedAt?: number;
}

export function actorTypeOf(user: CrmUser): ActorType {
  if (user.actorType) return user.actorType;
  if (user.userType === 'Integration') return 'integration';
  if (user.userType === 'Admin') return 'admin';
  return 'front-desk';
}

export function hasPermission(user: CrmUser, permission: string): boolean {
  if (user.permissions.includes(permission)) return true;
  // Modify All Data implies View All Data (and reading event logs, as View All Data does).
  if (permission === 'ViewAllData') return user.permissions.includes('ModifyAllData');
  if (permission === 'ViewEventLogFiles') return hasPermission(user, 'ViewAllData');
  return false;
}

/** `full` stands for every scope; `offline_access` and `refresh_token` are synonyms. */
export function hasScope(scopes: readonly string[], wanted: string): boolean {
  if (scopes.includes('full') || scopes.includes(wanted)) return true;
  if (wanted === 'refresh_token') return scopes.includes('offline_access');
  if (wanted === 'offline_access') return scopes.includes('refresh_token');
  return false;
}

/** Deterministic opaque secrets: a hash of the seed and a per-run sequence number. */
export function opaque(seed: number, sequence: string, length: number): string {
  let out = '';
  for (let block = 0; out.length < length; block += 1) {
    out += createHash('sha256').update(`${seed}:${sequence}:${block}`).digest('base64url');
  }
  return out.slice(0, length);
}

/** Users, connected apps and the tokens issued to them. */
export class AuthRegistry {
  readonly users = new Map<string, CrmUser>();
  readonly apps = new Map<string, ConnectedApp>();
  readonly tokens = new Map<string, TokenGrant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();

  userByName(username: string): CrmUser | undefined {
    const lower = username.toLowerCase();
    return [...this.users.values()].find((u) => u.username.toLowerCase() === lower);
  }

  appByClientId(clientId: string): ConnectedApp | undefined {
    return [...this.apps.values()].find((a) => a.clientId === clientId);
  }
}
