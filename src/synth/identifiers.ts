import type { SyntheticPatient } from './patient.ts';
import { parseWatermark } from './watermark.ts';

export { findPhi, type PhiKind, type PhiMatch } from './find-phi.ts';

/**
 * Identifiers that can never belong to a real person or host (DOMAIN.md §6). The harness builds every
 * identifier here and refuses records whose identifiers fall outside these ranges, so a drill can never
 * be pointed at, or leak, real PHI.
 */

/** SSA never issues areas 000 and 666. 9xx is avoided on purpose: those are IRS ITINs, real taxpayer ids. */
export const SYNTHETIC_SSN_AREAS = ['000', '666'] as const;
export type SyntheticSsnArea = (typeof SYNTHETIC_SSN_AREAS)[number];

export const MRN_PREFIX = 'ZZTEST-';
export const MEMBER_ID_PREFIX = 'ZZ';

/** RFC 2606 / RFC 6761 reserved second-level domains; any subdomain of them is reserved too. */
export const RESERVED_EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net'] as const;
/** RFC 2606 reserved top-level domains. */
const RESERVED_TLDS = ['test', 'example', 'invalid', 'localhost'] as const;

/**
 * Internal workstations of the simulated estate live in 10.99.0.0/16: RFC 1918 private space, never
 * routed on the internet. Outside actors always come from the RFC 5737 documentation ranges instead,
 * so "internal vs external" is visible from the address alone.
 */
export const WORKSTATION_NETWORK = '10.99.0.0/16';
export const DOCUMENTATION_NETWORKS = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'] as const;
const DOCUMENTATION_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.'] as const;

const SSN = /^(000|666)-(\d{2})-(\d{4})$/;
const MRN = /^ZZTEST-\d{8}$/;
const MEMBER_ID = /^ZZ[A-Z0-9]{6,14}$/;
const PATIENT_ID = /^zz-\d{7}$/;
const NANP_FICTION = /^[2-9]\d{2}55501\d{2}$/;
const EMAIL = /^[a-z0-9._%+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

export function syntheticSsn(area: SyntheticSsnArea, group: number, serial: number): string {
  checkInt('SSN group', group, 1, 99);
  checkInt('SSN serial', serial, 1, 9999);
  return `${area}-${pad(group, 2)}-${pad(serial, 4)}`;
}

/** `+1NXX55501XX`: the 555-0100…0199 block is reserved for fiction in every NANP area code. */
export function syntheticPhone(areaCode: string, line: number): string {
  if (!/^[2-9]\d{2}$/.test(areaCode))
    throw new RangeError(`area code must be NXX with N in 2-9, got ${areaCode}`);
  checkInt('fiction line', line, 0, 99);
  return `+1${areaCode}55501${pad(line, 2)}`;
}

/** Local part from the name, folded to ASCII so it is a valid address whatever the locale produced. */
export function syntheticEmail(given: string, family: string, suffix: number, domain: string): string {
  const local = `${given}.${family}`
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.]/g, '')
    .toLowerCase();
  const email = `${local || 'patient'}${suffix}@${domain}`;
  if (!isSyntheticEmail(email)) throw new RangeError(`${domain} is not a reserved domain`);
  return email;
}

export function syntheticMrn(index: number): string {
  checkInt('MRN number', index, 0, 99_999_999);
  return `${MRN_PREFIX}${pad(index, 8)}`;
}

export function syntheticMemberId(digits: string): string {
  if (!/^\d{6,12}$/.test(digits)) throw new RangeError(`member id digits must be 6-12 digits, got ${digits}`);
  return `${MEMBER_ID_PREFIX}${digits}`;
}

/** Outside actor address: host 1..254 of the n-th RFC 5737 network (n taken modulo 3). */
export function documentationIp(network: number, host: number): string {
  checkInt('host', host, 1, 254);
  return `${DOCUMENTATION_PREFIXES[Math.abs(network) % DOCUMENTATION_PREFIXES.length]}${host}`;
}

/** Workstation n (0..65023) inside 10.99.0.0/16, skipping .0 and .255 host bytes. */
export function workstationIp(n: number): string {
  checkInt('workstation', n, 0, 256 * 254 - 1);
  return `10.99.${Math.floor(n / 254)}.${(n % 254) + 1}`;
}

export function isSyntheticSsn(value: string): boolean {
  return SSN.test(value);
}

/** Accepts E.164 and the usual NANP spellings (`(415) 555-0123`), as long as it is a fiction number. */
export function isSyntheticPhone(value: string): boolean {
  let digits = value.replace(/[\s().-]/g, '');
  if (digits.startsWith('+1')) digits = digits.slice(2);
  else if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return NANP_FICTION.test(digits);
}

export function isSyntheticEmail(value: string): boolean {
  const match = EMAIL.exec(value);
  if (!match) return false;
  const domain = match[1]!.toLowerCase();
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if ((RESERVED_TLDS as readonly string[]).includes(tld)) return true;
  return RESERVED_EMAIL_DOMAINS.some((reserved) => domain === reserved || domain.endsWith(`.${reserved}`));
}

export function isSyntheticMrn(value: string): boolean {
  return MRN.test(value);
}

export function isSyntheticMemberId(value: string): boolean {
  return MEMBER_ID.test(value);
}

function ipv4Octets(value: string): number[] | undefined {
  const match = IPV4.exec(value);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** RFC 5737 IPv4 documentation ranges, or RFC 3849 IPv6 2001:db8::/32. */
export function isDocumentationIp(value: string): boolean {
  if (value.includes(':')) return /^2001:0?db8:/i.test(value);
  if (!ipv4Octets(value)) return false;
  return DOCUMENTATION_PREFIXES.some((prefix) => value.startsWith(prefix));
}

export function isWorkstationIp(value: string): boolean {
  const octets = ipv4Octets(value);
  return octets !== undefined && octets[0] === 10 && octets[1] === 99;
}

/**
 * True when the text holds a run of 12 to 19 digits (single spaces or dashes between them allowed,
 * as card numbers are written) that pass the Luhn check: what a DLP scanner flags as a card number.
 */
export function hasCardLikeNumber(text: string): boolean {
  for (const match of text.matchAll(/\d(?:[ -]?\d){11,18}/g)) {
    if (passesLuhn(match[0].replace(/[ -]/g, ''))) return true;
  }
  return false;
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A well-formed watermark that no scanner could take for a card or account number. */
export function isSyntheticWatermark(value: string): boolean {
  return parseWatermark(value) !== undefined && !/\d{12}/.test(value) && !hasCardLikeNumber(value);
}

/** Thrown when a record carries an identifier that could belong to a real person. */
export class NonSyntheticRecordError extends Error {
  constructor(
    readonly recordId: string,
    readonly field: string,
    readonly value: string,
    reason: string,
  ) {
    super(`refusing non-synthetic record ${recordId}: ${field} = ${JSON.stringify(value)} ${reason}`);
    this.name = 'NonSyntheticRecordError';
  }
}

const PATIENT_CHECKS: ReadonlyArray<{
  field: string;
  get: (p: SyntheticPatient) => string;
  ok: (value: string) => boolean;
  reason: string;
}> = [
  { field: 'id', get: (p) => p.id, ok: (v) => PATIENT_ID.test(v), reason: 'is not a zz-NNNNNNN id' },
  {
    field: 'mrn',
    get: (p) => p.mrn,
    ok: isSyntheticMrn,
    reason: `lacks the ${MRN_PREFIX} prefix + 8 digits`,
  },
  { field: 'ssn', get: (p) => p.ssn, ok: isSyntheticSsn, reason: 'is not in never-issued area 000 or 666' },
  {
    field: 'phone',
    get: (p) => p.phone,
    ok: isSyntheticPhone,
    reason: 'is not a NANP 555-0100..0199 number',
  },
  { field: 'email', get: (p) => p.email, ok: isSyntheticEmail, reason: 'is not at a reserved domain' },
  {
    field: 'insurance.memberId',
    get: (p) => p.insurance.memberId,
    ok: isSyntheticMemberId,
    reason: `lacks the ${MEMBER_ID_PREFIX} prefix`,
  },
  {
    field: 'watermark',
    get: (p) => p.watermark,
    ok: isSyntheticWatermark,
    reason: 'is not a phi-drill:v2 watermark, or holds a number a DLP scanner would flag',
  },
];

/** Throws NonSyntheticRecordError naming the first field whose value is not guaranteed fake. */
export function assertSyntheticPatient(p: SyntheticPatient): void {
  for (const check of PATIENT_CHECKS) {
    const value = check.get(p);
    if (typeof value !== 'string' || !check.ok(value)) {
      throw new NonSyntheticRecordError(String(p.id), check.field, String(value), check.reason);
    }
  }
}
