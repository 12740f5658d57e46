import { HttpResponse, http, type RequestHandler } from 'msw';
import { z } from 'zod';
import { adminPayload } from './admin-action.ts';
import { administratorOf, adminRefusal } from './admin-auth.ts';
import { bearerOf, callerOf } from './caller.ts';
import type { CrmState } from './crm/state.ts';
import type { StorageState } from './storage/index.ts';
import type { PublicAccessBlock, StorageOperation } from './storage/types.ts';
import { jsonResponse } from './string-response.ts';

const SWITCHES = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

const POLICY = z.object({
  Version: z.string().optional(),
  Statement: z
    .array(
      z.object({
        Effect: z.enum(['Allow', 'Deny']),
        Principal: z.union([
          z.literal('*'),
          z.record(z.string(), z.union([z.string(), z.array(z.string())])),
        ]),
        Action: z.union([z.string(), z.array(z.string())]),
        Resource: z.union([z.string(), z.array(z.string())]).optional(),
      }),
    )
    .min(1),
});

/** A statement letting anyone (`"*"`) read objects: what makes a bucket policy public. */
function grantsAnonymousRead(policy: z.infer<typeof POLICY>): boolean {
  const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
  return policy.Statement.some((statement) => {
    const anyone =
      statement.Principal === '*' ||
      Object.values(statement.Principal).some((who) => list(who).includes('*'));
    const reads = list(statement.Action).some((action) => ['s3:GetObject', 's3:*', '*'].includes(action));
    return statement.Effect === 'Allow' && anyone && reads;
  });
}

/** `PutPublicAccessBlock`'s XML body: each switch `true` or `false`, an absent one off (S3's default). */
function parsePublicAccessBlock(xml: string): PublicAccessBlock | string {
  if (!/<PublicAccessBlockConfiguration[\s>]/.test(xml))
    return 'the body must be a PublicAccessBlockConfiguration document';
  const block = {} as PublicAccessBlock;
  for (const name of SWITCHES) {
    const value = new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1];
    if (value !== undefined && value !== 'true' && value !== 'false')
      return `${name}: '${value}' is not true or false`;
    block[name] = value === 'true';
  }
  return block;
}

/**
 * The object store's administration, S3-shaped, as a SOAR calls it with the responder
 * administrator's CRM token (the organisation's single sign-on): `PUT /storage/{bucket}?policy`,
 * `DELETE /storage/{bucket}?policy`, `PUT /storage/{bucket}?publicAccessBlock` and, for an object,
 * `PUT /storage/{bucket}/{key}?acl` with `x-amz-acl`. A request signed with a storage access key is
 * left to the store's own data plane. Every change is in the server access log and the telemetry.
 */
export function storageAdminHandlers(storage: StorageState, crm: CrmState): RequestHandler[] {
  return [
    http.all('*/storage/*', async ({ request }) => {
      const url = new URL(request.url);
      const [, prefix, rawBucket, ...rest] = url.pathname.split('/');
      if (prefix !== 'storage' || !rawBucket) return undefined;
      const bucket = decodeURIComponent(rawBucket);
      const key = rest.map(decodeURIComponent).join('/');
      const operation = operationOf(request.method, url.searchParams, key);
      if (!operation) return undefined;
      const storageKey = bearerOf(request) ?? request.headers.get('x-api-key') ?? undefined;
      if (operation === 'REST.PUT.ACL' && storage.principalOf(storageKey) !== undefined) return undefined;
      const admin = administratorOf(request, crm, 'changing storage access');
      if (typeof admin !== 'string') return admin;
      const target = storage.buckets.get(bucket);
      if (!target) return adminRefusal(404, `no bucket ${bucket}`);
      let detail: Record<string, string | boolean>;
      if (operation === 'REST.PUT.ACL') {
        const object = storage.object(bucket, key);
        if (!object) return adminRefusal(404, `no object ${key} in bucket ${bucket}`);
        const acl = request.headers.get('x-amz-acl');
        if (acl !== 'private' && acl !== 'public-read')
          return adminRefusal(
            400,
            `x-amz-acl: '${acl ?? ''}' is not a supported canned ACL (private, public-read)`,
          );
        object.acl = acl;
        detail = { acl };
      } else if (operation === 'REST.DELETE.BUCKETPOLICY') {
        target.publicRead = false;
        detail = { publicRead: false };
      } else if (operation === 'REST.PUT.BUCKETPOLICY') {
        const policy = await adminPayload(request, POLICY);
        if (policy instanceof Response) return policy;
        const publicRead = grantsAnonymousRead(policy);
        if (publicRead && target.publicAccessBlock?.BlockPublicPolicy === true)
          return adminRefusal(403, 'Block Public Access (BlockPublicPolicy) refuses a public bucket policy');
        target.publicRead = publicRead;
        detail = { publicRead };
      } else {
        const block = parsePublicAccessBlock(await request.text());
        if (typeof block === 'string') return adminRefusal(400, block);
        target.publicAccessBlock = block;
        detail = { ...block };
      }
      const status = request.method === 'DELETE' ? 204 : 200;
      storage.record({
        operation,
        bucket,
        key,
        actor: { id: admin, type: 'responder', name: admin },
        caller: callerOf(request),
        status,
        bytes: 0,
        method: request.method,
        uri: url.pathname + url.search,
        detail,
      });
      return status === 204 ? new HttpResponse(null, { status }) : jsonResponse(detail);
    }),
  ];
}

function operationOf(method: string, query: URLSearchParams, key: string): StorageOperation | undefined {
  if (key !== '') return method === 'PUT' && query.has('acl') ? 'REST.PUT.ACL' : undefined;
  if (query.has('policy') && method === 'PUT') return 'REST.PUT.BUCKETPOLICY';
  if (query.has('policy') && method === 'DELETE') return 'REST.DELETE.BUCKETPOLICY';
  if (query.has('publicAccessBlock') && method === 'PUT') return 'REST.PUT.PUBLICACCESSBLOCK';
  return undefined;
}
