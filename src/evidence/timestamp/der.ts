/**
 * The few DER (X.690) shapes RFC 3161 needs, written out rather than pulled in: a time-stamp request
 * is a handful of fields, and reading a reply only walks tag-length-value triples.
 */

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  generalizedTime: 0x18,
} as const;

/** One decoded element: its tag byte, its content, and its whole encoding (signatures cover that). */
export interface DerNode {
  tag: number;
  content: Buffer;
  encoded: Buffer;
  /** Parsed children, for constructed elements (bit 0x20 of the tag). */
  children: DerNode[];
}

export class DerError extends Error {
  override name = 'DerError';
}

export function encode(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const sequence = (...items: Buffer[]): Buffer => encode(TAG.sequence, Buffer.concat(items));
export const derNull = (): Buffer => encode(TAG.null, Buffer.alloc(0));
export const octetString = (bytes: Buffer): Buffer => encode(TAG.octetString, bytes);
export const derBoolean = (value: boolean): Buffer => encode(TAG.boolean, Buffer.from([value ? 0xff : 0]));

/** A non-negative INTEGER from big-endian bytes: leading zeros trimmed, one added when the top bit is set. */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return encode(TAG.integer, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export const smallInteger = (value: number): Buffer => unsignedInteger(Buffer.from([value]));

export function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const arcs = [first! * 40 + second!, ...rest];
  const bytes: number[] = [];
  for (const arc of arcs) {
    const groups: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      groups.unshift((value & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return encode(TAG.oid, Buffer.from(bytes));
}

export function oidText(node: DerNode): string {
  expectTag(node, TAG.oid, 'OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of node.content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  return [first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80, ...arcs].join('.');
}

/** Decodes exactly one element spanning all of `bytes` (trailing bytes are an error). */
export function decode(bytes: Buffer): DerNode {
  const { node, end } = decodeAt(bytes, 0, 0);
  if (end !== bytes.length) throw new DerError(`${bytes.length - end} bytes after the DER element`);
  return node;
}

const MAX_DEPTH = 32;

function decodeAt(bytes: Buffer, offset: number, depth: number): { node: DerNode; end: number } {
  if (depth > MAX_DEPTH) throw new DerError('DER nested too deeply');
  const tag = bytes[offset];
  if (tag === undefined) throw new DerError(`truncated DER at byte ${offset}`);
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high-tag-number form at byte ${offset} is not used here`);
  let cursor = offset + 1;
  const first = bytes[cursor++];
  if (first === undefined) throw new DerError(`truncated DER length at byte ${offset}`);
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new DerError(`unsupported DER length at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i += 1) {
      const byte = bytes[cursor++];
      if (byte === undefined) throw new DerError(`truncated DER length at byte ${offset}`);
      length = length * 256 + byte;
    }
  }
  const end = cursor + length;
  if (end > bytes.length) throw new DerError(`DER element at byte ${offset} runs past the end`);
  const content = bytes.subarray(cursor, end);
  const children: DerNode[] = [];
  if (tag & 0x20) {
    for (let at = cursor; at < end; ) {
      const child = decodeAt(bytes, at, depth + 1);
      if (child.end > end) throw new DerError(`DER element at byte ${at} overruns its parent`);
      children.push(child.node);
      at = child.end;
    }
  }
  return { node: { tag, content, encoded: bytes.subarray(offset, end), children }, end };
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what} is missing`);
  if (node.tag !== tag)
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  return node;
}

export function child(node: DerNode, index: number, what: string): DerNode {
  const found = node.children[index];
  if (!found) throw new DerError(`${what} is missing`);
  return found;
}

/** An INTEGER's magnitude as lowercase hex without leading zeros (serials and nonces are compared so). */
export function integerHex(node: DerNode, what: string): string {
  expectTag(node, TAG.integer, what);
  return node.content.toString('hex').replace(/^(00)+(?=.)/, '') || '0';
}

/** GeneralizedTime `YYYYMMDDHHMMSS[.fff]Z` → ISO 8601. */
export function generalizedTimeIso(node: DerNode): string {
  expectTag(node, TAG.generalizedTime, 'genTime');
  const text = node.content.toString('latin1');
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
  if (!match) throw new DerError(`genTime "${text}" is not a UTC GeneralizedTime`);
  const [, y, mo, d, h, mi, s, fraction] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ?? ''}Z`;
}
