import { type HttpHandler, http } from 'msw';
import { notFound } from './errors.ts';
import { type ApiCall, type ApiRoute, apiRoute, patientIdsOf } from './rest-route.ts';
import { findField } from './schema.ts';
import { type CompiledQuery, compileSoql, type SObjectRecord } from './soql/evaluate.ts';
import type { CrmReport, CrmState } from './state.ts';

interface ReportRun {
  report: CrmReport;
  compiled: CompiledQuery;
  rows: SObjectRecord[];
}

function runReport(call: ApiCall, reportId: string): ReportRun {
  const { state, meta, session } = call;
  const report = [...state.reports.values()].find((r) => r.id.slice(0, 15) === reportId.slice(0, 15));
  if (!report) throw notFound();
  const defined = compileSoql(report.soql);
  // A report leaves out the columns the runner's profile may not read (field-level security).
  const compiled = {
    ...defined,
    fields: defined.fields.filter((f) => state.canReadField(session.user, defined.object.name, f)),
  };
  const source = state.sourceOf(compiled.object, false, (r) => state.canRead(session.user, r));
  const rows = compiled.select(source, state.ctx.clock.now());
  meta.entity = compiled.object.name;
  meta.resourceId = report.id;
  meta.fields = compiled.fields;
  meta.rows = rows.length;
  meta.patientIds = patientIdsOf(state, compiled.object.name, rows);
  return { report, compiled, rows };
}

function logReport(call: ApiCall, run: ReportRun, origin: string, rendering: string, csvBytes: number): void {
  const { report, compiled, rows } = run;
  const { session, caller } = call;
  const envelope = {
    USER_ID: session.user.id,
    RUN_TIME: 20 + Math.ceil(rows.length / 20),
    CPU_TIME: 10 + Math.ceil(rows.length / 40),
    URI: call.url.pathname,
    SESSION_KEY: session.grant.sessionKey,
    LOGIN_KEY: session.grant.loginKey,
    CLIENT_IP: caller.sourceIp,
    CLIENT_INFO: caller.userAgent,
    REPORT_DESCRIPTION: report.description ?? report.name,
    URI_ID_DERIVED: report.id,
  };
  const time = call.state.ctx.clock.now();
  // Only "Details Only" (CSV) exports reach ReportExport; formatted ones show up in Report alone.
  if (rendering === 'C') call.state.log.append('ReportExport', time, caller.requestId, envelope);
  call.state.log.append('Report', time, caller.requestId, {
    ...envelope,
    USER_TYPE: 'Standard',
    REQUEST_STATUS: 'S',
    DB_TOTAL_TIME: envelope.RUN_TIME * 450_000,
    ENTITY_NAME: compiled.object.name,
    DISPLAY_TYPE: 'D',
    RENDERING_TYPE: rendering,
    ORIGIN: origin,
    REPORT_ID: report.id.slice(0, 15),
    REPORT_ID_DERIVED: report.id,
    ROW_COUNT: rows.length,
    NUMBER_COLUMNS: compiled.fields.length,
    AVERAGE_ROW_SIZE: rows.length === 0 ? 0 : Math.round(csvBytes / rows.length),
    SORT: compiled.query.orderBy.map((o) => `${o.field.name} ${o.descending ? 'DESC' : 'ASC'}`).join(','),
  });
}

function toCsv(run: ReportRun): string {
  const quote = (value: unknown): string => `"${String(value ?? '').replace(/"/g, '""')}"`;
  const object = run.compiled.object;
  const header = run.compiled.fields.map((f) => quote(findField(object, f)?.label ?? f)).join(',');
  const lines = run.rows.map((r) => run.compiled.fields.map((f) => quote(r[f])).join(','));
  return `${[header, ...lines].join('\n')}\n`;
}

/** `GET analytics/reports/{id}`: runs a tabular report with the caller's sharing. */
export const reportRunRoute: ApiRoute = (call) => {
  const run = runReport(call, call.params.reportId!);
  logReport(call, run, 'ReportRunFromRestApi', 'J', Buffer.byteLength(toCsv(run)));
  const { report, compiled, rows } = run;
  return {
    status: 200,
    body: {
      attributes: { type: 'Report', reportId: report.id, reportName: report.name },
      allData: true,
      hasDetailRows: true,
      reportMetadata: {
        id: report.id,
        name: report.name,
        reportFormat: 'TABULAR',
        detailColumns: compiled.fields.map((f) => `${compiled.object.name}.${f}`),
      },
      factMap: {
        'T!T': {
          rows: rows.map((r) => ({
            dataCells: compiled.fields.map((f) => ({ label: String(r[f] ?? '-'), value: r[f] ?? null })),
          })),
          aggregates: [{ label: String(rows.length), value: rows.length }],
        },
      },
    },
  };
};

const exportRoute: ApiRoute = (call) => {
  const run = runReport(call, call.params.reportId!);
  const csv = toCsv(run);
  const format = call.url.searchParams.get('xf') === 'xls' ? 'xls' : 'csv';
  call.meta.detail = { reportFormat: format };
  logReport(call, run, 'ReportExported', format === 'xls' ? 'X' : 'C', Buffer.byteLength(csv));
  return { status: 200, text: csv, contentType: format === 'xls' ? 'application/vnd.ms-excel' : 'text/csv' };
};

/**
 * The classic report export URL, `/{reportId}?export=1&enc=UTF-8&xf=csv`: the bulk-exfiltration
 * path behind ReportExport events. Anything that is not a report export falls through.
 */
export function reportExportHandler(state: CrmState): HttpHandler {
  const resolver = apiRoute(state, 'sf.report.export', exportRoute, { logRestApi: false });
  return http.get('*/:reportId', (info) => {
    const reportId = String(info.params.reportId);
    if (!reportId.startsWith('00O') || !new URL(info.request.url).searchParams.has('export'))
      return undefined;
    return resolver(info);
  });
}
