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

const ID15 = /^[0-9A-Za-z]{15}$/;

/**
 * The three-character suffix that makes a 15-character id case-insensitively unique: one character
 * per 5-character chunk, whose bits mark which positions of the chunk are upper-case letters.
 */
export function idChecksum(id15: string): string {
  if (!ID15.test(id15)) throw new Error(`not a 15-character Salesforce id: ${id15}`);
  return checksumOf(id15);
}

/** The 18-character form of a 15-character id, or undefined when `id15` is not one. */
export function id18Of(id15: string): string | undefined {
  return ID15.test(id15) ? id15 + checksumOf(id15) : undefined;
}

function checksumOf(id15: string): string {
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

/** Where an object's ids start and which pod they name: both from the seed, so ids repeat run to run. */
function idLayout(seed: number, name: KeyPrefixName): { prefix: string; pod: string; start: number } {
  const prefix = KEY_PREFIX[name];
  return {
    prefix,
    pod: base62(fnv1a(`pod:${seed}`) % 3844, 2),
    // Real counters are far from zero and mix cases; a seed-derived start keeps them sequential.
    start: (fnv1a(`${seed}:${prefix}`) % 62 ** 5) * 62 ** 3,
  };
}

function idOf({ prefix, pod, start }: ReturnType<typeof idLayout>, counter: number): string {
  const id15 = `${prefix}${pod}0${base62(start + counter, 9)}`;
  return id15 + checksumOf(id15);
}

/**
 * Mints 18-character ids shaped like real ones (prefix, 2-character pod, reserved `0`, 9-character
 * base-62 counter). The pod comes from the seed and the counter from the context's per-prefix
 * sequence, so the same seed always yields the same ids.
 */
export function createIdFactory(ctx: EstateContext): (name: KeyPrefixName) => string {
  const layouts = new Map<KeyPrefixName, ReturnType<typeof idLayout>>();
  return (name) => {
    let layout = layouts.get(name);
    if (!layout) {
      layout = idLayout(ctx.seed, name);
      layouts.set(name, layout);
    }
    return idOf(layout, ctx.nextNumber(`sf-${layout.prefix}`));
  };
}

/** Ids minted in one go for records made later: the id at each position, and the position of an id. */
export interface IdBlock {
  readonly count: number;
  idAt(position: number): string;
  /** The position of a 15- or 18-character id of this block, or undefined for any other id. */
  positionOf(id: string): number | undefined;
}

/**
 * Reserves `count` consecutive ids of an object from the same sequence the factory mints from: the
 * ids are those the factory would have minted one by one at this point, none of them stored.
 */
export function reserveIds(ctx: EstateContext, name: KeyPrefixName, count: number): IdBlock {
  const layout = idLayout(ctx.seed, name);
  const first = ctx.nextNumber(`sf-${layout.prefix}`, count);
  const head = `${layout.prefix}${layout.pod}0`;
  return {
    count,
    idAt: (position) => idOf(layout, first + position),
    positionOf(id) {
      if ((id.length !== 15 && id.length !== 18) || !id.startsWith(head)) return undefined;
      let counter = 0;
      for (let at = head.length; at < 15; at += 1) {
        const digit = BASE62.indexOf(id[at]!);
        if (digit < 0) return undefined;
        counter = counter * 62 + digit;
      }
      const position = counter - layout.start - first;
      if (position < 0 || position >= count) return undefined;
      // An 18-character id's checksum must be the minted one's too.
      return idOf(layout, first + position).startsWith(id) ? position : undefined;
    },
  };
}

function fnv1a(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}
