import { type AddressInfo, createServer, type Socket } from 'node:net';

/**
 * A loopback Kafka broker for the wire protocol only: ApiVersions v0–2, Metadata v0 and Produce v3
 * (RecordBatch v2, magic 2, CRC-32C checked, uncompressed). One node, one partition per topic, no
 * storage beyond an array. Enough for a real Kafka client to connect, discover the leader and
 * produce, so the Kafka sink is tested on the bytes a real broker would see.
 */
export interface KafkaDouble {
  port: number;
  /** Every record produced and acknowledged, in order. */
  records: Array<{ topic: string; value: string; headers: Record<string, string> }>;
  /** `ApiVersions v2`, `Metadata v0`, `Produce v3` … in the order they arrived. */
  requests: string[];
  /** Error codes to answer the next Produce requests with (e.g. 6 NOT_LEADER_OR_FOLLOWER). */
  failNextProduce(...codes: number[]): void;
  close(): Promise<void>;
}

const API = { produce: 0, metadata: 3, apiVersions: 18 } as const;
const NAMES: Record<number, string> = { 0: 'Produce', 3: 'Metadata', 18: 'ApiVersions' };

export async function kafkaDouble(
  options: { topics?: string[]; advertisedHost?: string } = {},
): Promise<KafkaDouble> {
  const topics = new Set(options.topics ?? ['phi-drill-telemetry']);
  const records: KafkaDouble['records'] = [];
  const requests: string[] = [];
  const failures: number[] = [];
  const sockets = new Set<Socket>();
  let port = 0;

  const answer = (request: Reader): Buffer | undefined => {
    const apiKey = request.int16();
    const version = request.int16();
    const correlationId = request.int32();
    request.nullableString();
    requests.push(`${NAMES[apiKey] ?? `api ${apiKey}`} v${version}`);
    const out = new Writer().int32(correlationId);
    if (apiKey === API.apiVersions) {
      out.int16(0).array(
        [
          [API.produce, 3, 3],
          [API.metadata, 0, 0],
          [API.apiVersions, 0, 2],
        ],
        (w, [key, min, max]) => w.int16(key!).int16(min!).int16(max!),
      );
      if (version >= 1) out.int32(0);
    } else if (apiKey === API.metadata && version === 0) {
      const wanted = request.array((r) => r.string());
      out.array([0], (w) =>
        w
          .int32(0)
          .string(options.advertisedHost ?? '127.0.0.1')
          .int32(port),
      );
      const names = wanted.length > 0 ? wanted : [...topics];
      out.array(names, (w, name) => {
        const known = topics.has(name);
        w.int16(known ? 0 : 3).string(name);
        w.array(known ? [0] : [], (p) =>
          p
            .int16(0)
            .int32(0)
            .int32(0)
            .array([0], (x) => x.int32(0))
            .array([0], (x) => x.int32(0)),
        );
      });
    } else if (apiKey === API.produce && version === 3) {
      request.nullableString();
      const acks = request.int16();
      request.int32();
      const topicData = request.array((r) => ({
        topic: r.string(),
        partitions: r.array((p) => ({ partition: p.int32(), batch: p.bytes() })),
      }));
      const failure = failures.shift() ?? 0;
      out.array(topicData, (w, { topic, partitions }) => {
        w.string(topic).array(partitions, (p, { partition, batch }) => {
          let code = topics.has(topic) ? failure : 3;
          const base = records.length;
          if (code === 0) {
            const decoded = decodeRecordBatch(batch);
            if (decoded === undefined) code = 2;
            else for (const item of decoded) records.push({ topic, ...item });
          }
          p.int32(partition)
            .int16(code)
            .int64(code === 0 ? base : -1)
            .int64(-1);
        });
      });
      out.int32(0);
      if (acks === 0) return undefined;
    } else {
      // A version this broker does not offer: close the connection, as a real broker does.
      return Buffer.alloc(0);
    }
    return out.frame();
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const size = pending.readInt32BE(0);
        const reply = answer(new Reader(pending.subarray(4, 4 + size)));
        pending = pending.subarray(4 + size);
        if (reply?.length === 0) return void socket.destroy();
        if (reply) socket.write(reply);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    records,
    requests,
    failNextProduce: (...codes) => failures.push(...codes),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Records of one RecordBatch (magic 2); undefined when its CRC-32C or framing is wrong. */
function decodeRecordBatch(
  bytes: Buffer,
): Array<{ value: string; headers: Record<string, string> }> | undefined {
  const reader = new Reader(bytes);
  reader.int64();
  const length = reader.int32();
  if (length !== bytes.length - 12) return undefined;
  reader.int32();
  if (reader.int8() !== 2) return undefined;
  const crc = reader.uint32();
  if (crc !== crc32c(bytes.subarray(21))) return undefined;
  const attributes = reader.int16();
  if ((attributes & 0x07) !== 0) return undefined;
  reader.skip(4 + 8 + 8 + 8 + 2 + 4);
  const count = reader.int32();
  const out: Array<{ value: string; headers: Record<string, string> }> = [];
  for (let i = 0; i < count; i++) {
    reader.varint();
    reader.int8();
    reader.varint();
    reader.varint();
    reader.varBytes();
    const value = reader.varBytes()?.toString('utf8') ?? '';
    const headers: Record<string, string> = {};
    const headerCount = reader.varint();
    for (let h = 0; h < headerCount; h++) {
      const key = reader.varBytes()?.toString('utf8') ?? '';
      headers[key] = reader.varBytes()?.toString('utf8') ?? '';
    }
    out.push({ value, headers });
  }
  return out;
}

const CRC32C_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32c(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

class Reader {
  #offset = 0;
  constructor(readonly buffer: Buffer) {}
  skip(bytes: number): void {
    this.#offset += bytes;
  }
  int8(): number {
    return this.buffer.readInt8(this.#offset++);
  }
  int16(): number {
    const value = this.buffer.readInt16BE(this.#offset);
    this.#offset += 2;
    return value;
  }
  int32(): number {
    const value = this.buffer.readInt32BE(this.#offset);
    this.#offset += 4;
    return value;
  }
  uint32(): number {
    const value = this.buffer.readUInt32BE(this.#offset);
    this.#offset += 4;
    return value;
  }
  int64(): bigint {
    const value = this.buffer.readBigInt64BE(this.#offset);
    this.#offset += 8;
    return value;
  }
  string(): string {
    const length = this.int16();
    const value = this.buffer.toString('utf8', this.#offset, this.#offset + length);
    this.#offset += length;
    return value;
  }
  nullableString(): string | undefined {
    if (this.buffer.readInt16BE(this.#offset) === -1) {
      this.#offset += 2;
      return undefined;
    }
    return this.string();
  }
  bytes(): Buffer {
    const length = this.int32();
    const value = this.buffer.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return value;
  }
  array<T>(item: (reader: Reader) => T): T[] {
    const length = this.int32();
    return Array.from({ length: Math.max(0, length) }, () => item(this));
  }
  /** Zig-zag varint, as RecordBatch v2 writes lengths and deltas. */
  varint(): number {
    let raw = 0;
    let shift = 0;
    for (;;) {
      const byte = this.buffer[this.#offset++]!;
      raw |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
    }
    return (raw >>> 1) ^ -(raw & 1);
  }
  varBytes(): Buffer | undefined {
    const length = this.varint();
    if (length < 0) return undefined;
    const value = this.buffer.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return value;
  }
}

class Writer {
  #chunks: Buffer[] = [];
  #put(size: number, write: (buffer: Buffer) => void): this {
    const buffer = Buffer.alloc(size);
    write(buffer);
    this.#chunks.push(buffer);
    return this;
  }
  int16(value: number): this {
    return this.#put(2, (b) => b.writeInt16BE(value));
  }
  int32(value: number): this {
    return this.#put(4, (b) => b.writeInt32BE(value));
  }
  int64(value: number): this {
    return this.#put(8, (b) => b.writeBigInt64BE(BigInt(value)));
  }
  string(value: string): this {
    const bytes = Buffer.from(value);
    this.int16(bytes.length);
    this.#chunks.push(bytes);
    return this;
  }
  array<T>(items: readonly T[], item: (writer: Writer, value: T) => void): this {
    this.int32(items.length);
    for (const value of items) item(this, value);
    return this;
  }
  /** The response with its 4-byte size prefix. */
  frame(): Buffer {
    const body = Buffer.concat(this.#chunks);
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length);
    return Buffer.concat([size, body]);
  }
}
