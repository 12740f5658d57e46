import { type HttpHandler, http } from 'msw';
import type { Actor } from '../../telemetry/event.ts';
import { type Caller, callerOf } from '../caller.ts';
import type { CrmFiles } from './files.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import { emitCrmEvent } from './telemetry.ts';

/** Whoever holds a public link: no login, so no user, as the org's own records show it. */
const LINK_HOLDER: Actor = { id: 'public-link', type: 'anonymous' };

function gone(): Response {
  return new Response('<html><body><h1>This link has expired or been removed.</h1></body></html>', {
    status: 404,
    headers: { 'content-type': 'text/html;charset=UTF-8' },
  });
}

/**
 * The public side of Files: the distribution page `/sfc/p/{org}/a/{delivery}/{token}` and the
 * download `/sfc/dist/version/download/?…&d=/a/{delivery}/{token}`. No session is needed, which is
 * the point of a public link; a deleted or expired distribution answers 404.
 */
export function publicFileHandlers(files: CrmFiles): HttpHandler[] {
  const record = (
    caller: Caller,
    request: Request,
    action: string,
    status: number,
    distribution: SObjectRecord | undefined,
    version: SObjectRecord | undefined,
  ) => {
    const url = new URL(request.url);
    emitCrmEvent(files.state.ctx, {
      action,
      caller,
      request,
      status,
      actor: LINK_HOLDER,
      resource: { type: 'ContentDistribution', ...(distribution ? { id: distribution.Id as string } : {}) },
      patientIds: status < 400 ? files.patientIdsOf(version) : [],
      fields: status < 400 && action === 'sf.file.download' ? ['VersionData'] : [],
      detail: {
        ...(version ? { versionId: version.Id as string, bytes: Number(version.ContentSize ?? 0) } : {}),
        path: url.pathname,
      },
    });
  };
  return [
    http.get('*/sfc/p/:org/a/:delivery/:token', ({ request, params }) => {
      const caller = callerOf(request);
      const distribution = files.linkOf(String(params.token));
      const version = files.version(distribution?.ContentVersionId as string | undefined);
      if (!files.isLive(distribution) || !version) {
        record(caller, request, 'sf.file.view', 404, distribution, version);
        return gone();
      }
      files.countView(distribution!);
      files.distributionEvent('VIEW', distribution!, '', caller.requestId);
      record(caller, request, 'sf.file.view', 200, distribution, version);
      const title = String(version.Title).replace(/[<>&]/g, '');
      return new Response(
        `<html><body><h1>${title}</h1><a href="${String(distribution!.ContentDownloadUrl)}">Download</a></body></html>`,
        { status: 200, headers: { 'content-type': 'text/html;charset=UTF-8' } },
      );
    }),
    http.get('*/sfc/dist/version/download/', ({ request }) => {
      const caller = callerOf(request);
      const token = /^\/a\/[^/]+\/(.+)$/.exec(new URL(request.url).searchParams.get('d') ?? '')?.[1] ?? '';
      const distribution = files.linkOf(token);
      const version = files.version(distribution?.ContentVersionId as string | undefined);
      const body = version && files.body(version.Id as string);
      if (!files.isLive(distribution) || !version || !body) {
        record(caller, request, 'sf.file.download', 404, distribution, version);
        return gone();
      }
      files.transferEvent('VersionDownloadAction', version, '', caller.requestId);
      record(caller, request, 'sf.file.download', 200, distribution, version);
      return new Response(body.slice(), {
        status: 200,
        headers: {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${String(version.PathOnClient).replace(/"/g, '')}"`,
        },
      });
    }),
  ];
}
