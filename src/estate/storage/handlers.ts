import { type HttpHandler, http } from 'msw';
import type { Actor } from '../../telemetry/event.ts';
import { bearerOf, type Caller, callerOf } from '../caller.ts';
import type { StorageState } from './state.ts';
import type { StorageAcl, StorageOperation, StoragePrincipal } from './types.ts';

const ANONYMOUS: Actor = { id: 'anonymous', type: 'anonymous' };

/** S3's error document: `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>`. */
function s3Error(status: number, code: string, message: string, requestId: string): Response {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`;
  return new Response(xml, { status, headers: { 'content-type': 'application/xml' } });
}

function actorOf(principal: StoragePrincipal | undefined): Actor {
  return principal ? { id: principal.id, type: principal.type, name: principal.name } : ANONYMOUS;
}

/** `/storage/{bucket}/{key…}` → bucket and key (the key may hold slashes). */
function locate(url: URL): { bucket: string; key: string } | undefined {
  const [, prefix, bucket, ...rest] = url.pathname.split('/');
  if (prefix !== 'storage' || !bucket || rest.length === 0) return undefined;
  return { bucket: decodeURIComponent(bucket), key: rest.map(decodeURIComponent).join('/') };
}

/**
 * The object store over HTTP: `PUT` (signed with `Authorization: Bearer <access key>`, canned ACL in
 * `x-amz-acl`, SSE in `x-amz-server-side-encryption`), `PUT ?acl`, `GET` (anonymous only when the
 * bucket policy or object ACL is public-read) and `DELETE`. Anonymous requests to anything private
 * get 403 AccessDenied whether or not the key exists, as S3 does, so existence does not leak.
 */
export function storageHandlers(state: StorageState): HttpHandler[] {
  return [
    http.all('*/storage/*', async ({ request }) => {
      const url = new URL(request.url);
      const where = locate(url);
      if (!where) return undefined;
      const caller = callerOf(request);
      const principal = state.principalOf(bearerOf(request) ?? request.headers.get('x-api-key') ?? undefined);
      const isAcl = url.searchParams.has('acl');
      const operation: StorageOperation =
        request.method === 'PUT'
          ? isAcl
            ? 'REST.PUT.ACL'
            : 'REST.PUT.OBJECT'
          : request.method === 'DELETE'
            ? 'REST.DELETE.OBJECT'
            : 'REST.GET.OBJECT';
      const reply = await serve(state, request, where, operation, principal, caller);
      state.record({
        operation,
        ...where,
        actor: actorOf(principal),
        caller,
        status: reply.status,
        bytes: reply.bytes,
        method: request.method,
        uri: url.pathname + url.search,
        ...(reply.detail ? { detail: reply.detail } : {}),
      });
      return reply.response;
    }),
  ];
}

interface Reply {
  status: number;
  bytes: number;
  response: Response;
  detail?: Record<string, string | number | boolean>;
}

async function serve(
  state: StorageState,
  request: Request,
  { bucket, key }: { bucket: string; key: string },
  operation: StorageOperation,
  principal: StoragePrincipal | undefined,
  caller: Caller,
): Promise<Reply> {
  const fail = (status: number, code: string, message: string): Reply => ({
    status,
    bytes: 0,
    response: s3Error(status, code, message, caller.requestId),
  });
  if (operation === 'REST.GET.OBJECT' && request.method !== 'GET' && request.method !== 'HEAD')
    return fail(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  if (!principal) {
    if (operation !== 'REST.GET.OBJECT' || !state.isPublic(bucket, key))
      return fail(403, 'AccessDenied', 'Access Denied');
  } else if (!state.buckets.has(bucket)) {
    return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
  }
  const acl = (request.headers.get('x-amz-acl') ?? 'private') as StorageAcl;
  if (acl !== 'private' && acl !== 'public-read')
    return fail(400, 'InvalidArgument', 'Only the private and public-read canned ACLs are supported');
  if (acl === 'public-read' && state.buckets.get(bucket)?.publicAccessBlock?.BlockPublicAcls === true)
    return fail(403, 'AccessDenied', 'Access Denied');
  if (operation === 'REST.PUT.OBJECT') {
    const body = new Uint8Array(await request.arrayBuffer());
    const object = state.put(principal!.id, bucket, key, {
      body,
      contentType: request.headers.get('content-type') ?? 'application/octet-stream',
      acl,
      encrypt: request.headers.get('x-amz-server-side-encryption') !== null,
    });
    return {
      status: 200,
      bytes: body.byteLength,
      response: new Response(null, { status: 200, headers: { etag: `"${object.etag}"` } }),
      detail: { acl: object.acl, encrypted: object.encrypted, contentType: object.contentType },
    };
  }
  const object = state.object(bucket, key);
  if (!object) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
  if (operation === 'REST.PUT.ACL') {
    object.acl = acl;
    return { status: 200, bytes: 0, response: new Response(null, { status: 200 }), detail: { acl } };
  }
  if (operation === 'REST.DELETE.OBJECT') {
    state.deleteObject(bucket, key);
    return { status: 204, bytes: 0, response: new Response(null, { status: 204 }) };
  }
  const headers = {
    'content-type': object.contentType,
    etag: `"${object.etag}"`,
    ...(object.encrypted ? { 'x-amz-server-side-encryption': 'AES256' } : {}),
  };
  return {
    status: 200,
    bytes: object.body.byteLength,
    response: new Response(request.method === 'HEAD' ? null : object.body.slice(), { status: 200, headers }),
    detail: { encrypted: object.encrypted, public: state.isPublic(bucket, key) },
  };
}
