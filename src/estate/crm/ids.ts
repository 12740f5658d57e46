import type { EstateContext } from '../context.ts';

/** Key prefixes of the sObjects the simulated org knows (the first three characters of every id). */
export const KEY_PREFIX = {
  Account: '001',
  Contact: '003',
  Case: '500',
  Task: '00T',
  User: '005',
  Report: '00O',
  EventLogFile: '0AT',
  OauthToken: '0CQ',
  FieldPermissions: '01k',
  Organization: '00D',
  ConnectedApplication: '0H4',
  QueryLocator: '01g',
  ContentDocument: '069',
  ContentVersion: '068',
  ContentDistribution: '05D',
  Lead: '00Q',
} as const;

export type KeyPrefixName = keyof typeof KEY_PREFIX;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The three-character suffix that makes a 15-character id case-insensitively unique: one character
 * per 5-character chunk, whose bits mark which positions of the chunk are upper-case letters.
 */
export function idChecksum(id15: string): string {
  if (!/^[0-9A-Za-z]{15}$/.test(id15)) throw new Error(`not a 15-character Salesforce id: ${id15}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15[chunk * 5 + i]!;
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

export function toId18(id: string): string {
  if (id.length === 18) return id;
  return id + idChecksum(id);
}

export function toId15(id: string): string {
  return id.slice(0, 15);
}

export function isSalesforceId(value: string): boolean {
  if (/^[0-9A-Za-z]{15}$/.test(value)) return true;
  return /^[0-9A-Za-z]{18}$/.test(value) && idChecksum(value.slice(0, 15)) === value.slice(15);
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * Mints 18-character ids shaped like real ones (prefix, 2-character pod, reserved `0`, 9-character
 * base-62 counter). The pod comes from the seed and the counter from the context's per-prefix
 * sequence, so the same seed always yields the same ids.
 */
export function createIdFactory(ctx: EstateContext): (name: KeyPrefixName) => string {
  const pod = base62(fnv1a(`pod:${ctx.seed}`) % 3844, 2);
  return (name) => {
    const prefix = KEY_PREFIX[name];
    // Real counters are far from zero and mix cases; a seed-derived start keeps them sequential.
    const start = (fnv1a(`${ctx.seed}:${prefix}`) % 62 ** 5) * 62 ** 3;
    const counter = Number(ctx.nextId(`sf-${prefix}`).split('-').pop());
    return toId18(`${prefix}${pod}0${base62(start + counter, 9)}`);
  };
}

function fnv1a(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}
