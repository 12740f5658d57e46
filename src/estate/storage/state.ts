import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../telemetry/event.ts';
import type { EstateContext } from '../context.ts';
import { createStorageRecorder, STORAGE_CONSOLE_IP, type StorageRequestFacts } from './recorder.ts';
import type {
  Bucket,
  StorageAccessLogEntry,
  StorageAcl,
  StorageConfig,
  StoragePrincipal,
  StoredObject,
} from './types.ts';

export interface PutInput {
  body: Uint8Array;
  contentType: string;
  acl?: StorageAcl;
  /** SSE requested on the upload, on top of the bucket default. */
  encrypt?: boolean;
}

/**
 * An S3-like object store: buckets with a public-read policy and default encryption switches,
 * objects with canned ACLs, access keys per principal, and a server access log. Usable in-process
 * (seeding, containment) and served over HTTP by the handlers.
 */
export class StorageState {
  readonly config: StorageConfig = { accessLog: { enabled: true } };
  readonly buckets = new Map<string, Bucket>();
  readonly #objects = new Map<string, StoredObject>();
  readonly #keys = new Map<string, StoragePrincipal>();
  readonly #recorder;

  constructor(readonly ctx: EstateContext) {
    this.#recorder = createStorageRecorder(ctx, this.config);
  }

  get accessLog(): readonly StorageAccessLogEntry[] {
    return this.#recorder.accessLog;
  }

  record(facts: StorageRequestFacts): void {
    this.#recorder.record(facts);
  }

  /** Registers an access key for a principal (keys are secrets: never logged, only their holder). */
  addKey(accessKey: string, principal: StoragePrincipal): void {
    this.#keys.set(accessKey, principal);
  }

  /** A fresh random access key for a principal, as an admin console would mint it. */
  issueKey(principal: StoragePrincipal): string {
    const key = `stk_${randomBytes(24).toString('base64url')}`;
    this.addKey(key, principal);
    return key;
  }

  revokeKey(accessKey: string): void {
    this.#keys.delete(accessKey);
  }

  principalOf(accessKey: string | undefined): StoragePrincipal | undefined {
    return accessKey === undefined ? undefined : this.#keys.get(accessKey);
  }

  createBucket(input: Omit<Bucket, 'createdAt'>): Bucket {
    if (this.buckets.has(input.name)) throw new Error(`bucket ${input.name} already exists`);
    const bucket = { ...input, createdAt: this.ctx.clock.now() };
    this.buckets.set(bucket.name, bucket);
    return bucket;
  }

  /** Removes a bucket and everything in it. */
  dropBucket(name: string): void {
    for (const object of this.objectsIn(name)) this.#objects.delete(pathOf(object.bucket, object.key));
    this.buckets.delete(name);
  }

  put(owner: string, bucketName: string, key: string, input: PutInput): StoredObject {
    const bucket = this.buckets.get(bucketName);
    if (!bucket) throw new Error(`no bucket ${bucketName}`);
    const object: StoredObject = {
      bucket: bucketName,
      key,
      body: input.body,
      contentType: input.contentType,
      acl: input.acl ?? 'private',
      encrypted: bucket.encrypted || (input.encrypt ?? false),
      owner,
      lastModified: this.ctx.clock.now(),
      etag: createHash('md5').update(input.body).digest('hex'),
    };
    this.#objects.set(pathOf(bucketName, key), object);
    return object;
  }

  object(bucket: string, key: string): StoredObject | undefined {
    return this.#objects.get(pathOf(bucket, key));
  }

  objectsIn(bucket: string): StoredObject[] {
    return [...this.#objects.values()].filter((object) => object.bucket === bucket);
  }

  deleteObject(bucket: string, key: string): boolean {
    return this.#objects.delete(pathOf(bucket, key));
  }

  /** Anyone on the internet can read it: the bucket policy is public or the object ACL is public-read. */
  isPublic(bucket: string, key: string): boolean {
    const object = this.object(bucket, key);
    if (object === undefined) return false;
    const aclCounts = this.buckets.get(bucket)?.publicAccessBlock?.IgnorePublicAcls !== true;
    return (object.acl === 'public-read' && aclCounts) || this.bucketIsPublic(bucket);
  }

  /** The bucket policy grants anonymous reads and Block Public Access does not restrict it. */
  bucketIsPublic(name: string): boolean {
    const bucket = this.buckets.get(name);
    return bucket?.publicRead === true && bucket.publicAccessBlock?.RestrictPublicBuckets !== true;
  }

  /** Containment: makes an object private and takes the public policy off its bucket. */
  makePrivate(bucket: string, key: string, by: string): void {
    const actor: Actor = { id: by, type: 'responder', name: by };
    const caller = { sourceIp: STORAGE_CONSOLE_IP, requestId: this.ctx.nextId('req') };
    const object = this.object(bucket, key);
    if (object && object.acl !== 'private') {
      object.acl = 'private';
      this.record({
        operation: 'REST.PUT.ACL',
        bucket,
        key,
        actor,
        caller,
        status: 200,
        bytes: 0,
        detail: { acl: 'private' },
      });
    }
    const policy = this.buckets.get(bucket);
    if (policy?.publicRead) {
      policy.publicRead = false;
      const next = { ...caller, requestId: this.ctx.nextId('req') };
      this.record({
        operation: 'REST.PUT.BUCKETPOLICY',
        bucket,
        key: '',
        actor,
        caller: next,
        status: 204,
        bytes: 0,
        detail: { publicRead: false },
      });
    }
  }
}

function pathOf(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}
