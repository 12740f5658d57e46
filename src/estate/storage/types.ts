import type { ActorType } from '../../telemetry/event.ts';

/** Canned ACLs as S3 names them; only the two a leak turns on are modelled. */
export type StorageAcl = 'private' | 'public-read';

export interface Bucket {
  name: string;
  /** Owning principal id. */
  owner: string;
  /** A bucket policy granting anonymous `GetObject` on every key (the usual "make it public"). */
  publicRead: boolean;
  /** Default server-side encryption (SSE): objects are encrypted at rest and decrypted for any reader. */
  encrypted: boolean;
  createdAt: number;
  /** S3 Block Public Access for the bucket (absent: every switch off, S3's default for old buckets). */
  publicAccessBlock?: PublicAccessBlock;
}

/** S3's four Block Public Access switches, as `PutPublicAccessBlock` names them. */
export interface PublicAccessBlock {
  /** New public-read ACLs are refused. */
  BlockPublicAcls: boolean;
  /** Public-read ACLs already on objects no longer grant anything. */
  IgnorePublicAcls: boolean;
  /** A new public bucket policy is refused. */
  BlockPublicPolicy: boolean;
  /** A public bucket policy already in place no longer grants anonymous access. */
  RestrictPublicBuckets: boolean;
}

export interface StoredObject {
  bucket: string;
  key: string;
  body: Uint8Array;
  contentType: string;
  acl: StorageAcl;
  /** Encrypted at rest (bucket default or `x-amz-server-side-encryption` on the upload). */
  encrypted: boolean;
  owner: string;
  lastModified: number;
  etag: string;
}

/** Who holds an access key: a service account or a person. */
export interface StoragePrincipal {
  id: string;
  name: string;
  type: ActorType;
}

/** S3 server-access-log operation names. */
export type StorageOperation =
  | 'REST.PUT.OBJECT'
  | 'REST.GET.OBJECT'
  | 'REST.PUT.ACL'
  | 'REST.DELETE.OBJECT'
  | 'REST.PUT.BUCKETPOLICY'
  | 'REST.DELETE.BUCKETPOLICY'
  | 'REST.PUT.PUBLICACCESSBLOCK';

/** One line of the store's server access log (the audit trail `storage-access-log`). */
export interface StorageAccessLogEntry {
  time: number;
  requestId: string;
  bucket: string;
  key: string;
  operation: StorageOperation;
  /** Principal id, or `anonymous` for an unsigned request. */
  requester: string;
  sourceIp: string;
  userAgent?: string;
  status: number;
  /** Bytes sent (GET) or received (PUT). */
  bytes: number;
}

export interface StorageConfig {
  /** Server access logging, 164.312(b) (default on); a drill may switch it off. */
  accessLog: { enabled: boolean };
}
