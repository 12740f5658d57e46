import { join } from 'node:path';
import type { Timers } from '../clock/timers.ts';
import type { IntakeConfig } from '../controls/intakes/config.ts';
import { startIntake } from '../controls/intakes/index.ts';
import type { RunningIntake } from '../controls/intakes/intake.ts';
import { mapAlert } from '../controls/intakes/mapping.ts';
import { EDGE_TLS_PATH } from '../estate/edge-admin.ts';
import { EGRESS_BLOCK_PATH } from '../estate/egress-admin.ts';
import { EHR_ADMIN_PATH } from '../estate/ehr-admin.ts';
import { INTAKE_ADMIN_PATH, LOG_ADMIN_PATH } from '../estate/log-admin.ts';
import { type LoopbackServer, serveOnLoopback } from '../estate/loopback-server.ts';
import { MAIL_ADMIN_PATH } from '../estate/mail-admin.ts';
import { MDM_ADMIN_PATH } from '../estate/mdm-admin.ts';
import { NETWORK_BLOCKLIST_PATH } from '../estate/network-admin.ts';
import { PORTAL_FINDER_ADMIN_PATH } from '../estate/portal-admin.ts';
import { SYNC_PURGE_PATH, TOPIC_PURGE_PATH } from '../estate/sync-admin.ts';
import type { Attach, AttachmentContext } from '../run/attachment.ts';
import { encoderById } from '../telemetry/encoders/index.ts';
import { createSink } from '../telemetry/sinks/create-sink.ts';
import type { Sink } from '../telemetry/sinks/sink.ts';
import type { SinkConfig } from '../telemetry/sinks/sink-config.ts';
import { TOOL_VERSION } from '../version.ts';
import { noticeOf } from './notice-of.ts';
import { rejectionTally } from './rejection-tally.ts';
import type { Target, TargetIntake, TelemetryRoute } from './schema.ts';
import { targetAllowsHost } from './witness.ts';

export interface AttachOptions {
  runFolder: string;
  env: Readonly<Record<string, string | undefined>>;
  timers: Timers;
  /** Told where each intake listens once it is up (webhook URL, SMTP port …). */
  onIntakeReady?(id: string, where: Record<string, string | number>): void;
}

/**
 * Connects a run to the user's own stack: every telemetry event is encoded and sent to each route's
 * sink; every intake is started, its alerts become signals (or notices) and its refusals ledger
 * entries. On close, each sink's delivery counts go into the ledger.
 */
export function attachTarget(target: Target, options: AttachOptions): Attach {
  return async (context) => {
    const allowHost = targetAllowsHost(target);
    const routes = target.telemetry.map((route) => connectRoute(route, context, { ...options, allowHost }));
    const intakes: RunningIntake[] = [];
    const rejections = rejectionTally(context.ledger);
    let served: LoopbackServer | undefined;
    try {
      if (target.estate.serve) {
        served = await serveOnLoopback(context.estate.fetch, { port: target.estate.port });
        options.onIntakeReady?.('estate', estateInterfaces(served.url, context.estate));
      }
      for (const intake of target.intakes) {
        const running = await startIntake(intakeConfig(intake), {
          clock: context.clock,
          timers: options.timers,
          env: options.env,
          evidenceDir: join(options.runFolder, 'intakes'),
          sink: {
            alert: (alert) => deliver(intake, alert.body, alert.receivedAt, context),
            reject: (rejection) => rejections.reject(rejection),
          },
        });
        intakes.push(running);
        options.onIntakeReady?.(intake.id, running.describe());
      }
    } catch (error) {
      await Promise.all([...intakes.map((i) => i.close()), ...routes.map((r) => r.close())]);
      await served?.close();
      throw error;
    }
    return {
      async close() {
        await Promise.all(intakes.map((intake) => intake.close()));
        rejections.summarise(context.clock.now());
        await served?.close();
        for (const route of routes) await route.close();
      },
    };
  };
}

function connectRoute(
  route: TelemetryRoute,
  context: AttachmentContext,
  options: AttachOptions & { allowHost(host: string): boolean },
): { close(): Promise<void> } {
  const encoder = encoderById(route.encoder)!;
  const { id: _id, encoder: _encoder, systems, ...rest } = route;
  const deps = {
    clock: context.clock,
    timers: options.timers,
    allowHost: options.allowHost,
    env: options.env,
  };
  // CSV formats with a header per record type (EventLogFile) get one file per type, as Salesforce
  // ships one LogFile per EventType; every other route is one sink.
  const perType = rest.type === 'file' && encoder.header !== undefined;
  const sinks = new Map<string, Sink>();
  const sinkFor = (header: string | undefined, record?: string): Sink => {
    const key = perType ? (header ?? '') : '';
    let sink = sinks.get(key);
    if (!sink) {
      const config =
        perType && rest.type === 'file'
          ? { ...rest, path: typedPath(rest.path, record?.split(',')[0]?.replaceAll('"', '') ?? ''), header }
          : rest;
      sink = createSink({ id: route.id, ...config } as SinkConfig, deps);
      sinks.set(key, sink);
    }
    return sink;
  };
  if (!perType) sinkFor(undefined);
  const encoding = {
    orgId: context.estate.crm.state.orgId,
    timezone: context.estate.timezone,
    product: { vendor: 'phi-drill', name: 'simulated-estate', version: TOOL_VERSION },
  };
  let records = 0;
  const unsubscribe = context.bus.subscribe((event) => {
    if (systems && !systems.includes(event.system as (typeof systems)[number])) return;
    const record = encoder.encode(event, encoding);
    if (record === undefined) return;
    records += 1;
    sinkFor(perType ? encoder.header?.(event) : undefined, record).write(record);
  });
  return {
    async close() {
      unsubscribe();
      await Promise.all([...sinks.values()].map((sink) => sink.close()));
      const total = { sent: 0, failed: 0, dropped: 0, retries: 0 };
      for (const sink of sinks.values()) {
        const stats = sink.stats();
        total.sent += stats.sent;
        total.failed += stats.failed + stats.pending;
        total.dropped += stats.dropped;
        total.retries += stats.retries;
      }
      context.ledger.append({
        kind: 'sink.summary',
        at: context.clock.now(),
        sink: route.id,
        encoder: route.encoder,
        records,
        ...total,
      });
    },
  };
}

/**
 * Where the responders' containment actions go: the estate's own interfaces, as production has them,
 * and the CRM administrator a SOAR signs in as (synthetic, made for this run, loopback only).
 */
export function estateInterfaces(
  url: string,
  estate: Pick<AttachmentContext['estate'], 'crmApiVersion' | 'credentials'>,
): Record<string, string> {
  const { admin, consoleApp } = estate.credentials.crm;
  return {
    url,
    salesforce: url,
    oauthRevoke: `${url}/services/oauth2/revoke`,
    restApi: `${url}/services/data/v${estate.crmApiVersion}`,
    fhir: `${url}/fhir/R4`,
    portal: `${url}/portal/login`,
    portalAdmin: `${url}/portal/admin/sessions`,
    portalClearSiteData: `${url}/portal/admin/clear-site-data`,
    syncPurge: `${url}${SYNC_PURGE_PATH}`,
    topicPurge: `${url}${TOPIC_PURGE_PATH}`,
    ehrAdmin: `${url}${EHR_ADMIN_PATH}`,
    edgeTls: `${url}${EDGE_TLS_PATH}`,
    egressBlock: `${url}${EGRESS_BLOCK_PATH}`,
    mdmAdmin: `${url}${MDM_ADMIN_PATH}`,
    intakeAdmin: `${url}${INTAKE_ADMIN_PATH}`,
    logAdmin: `${url}${LOG_ADMIN_PATH}`,
    mailAdmin: `${url}${MAIL_ADMIN_PATH}`,
    finderAdmin: `${url}${PORTAL_FINDER_ADMIN_PATH}`,
    networkBlocklist: `${url}${NETWORK_BLOCKLIST_PATH}`,
    storage: `${url}/storage`,
    oauthCredentials: `${url}/services/data/v${estate.crmApiVersion}/apps/oauth/credentials`,
    responderClientId: consoleApp.clientId,
    responderClientSecret: consoleApp.clientSecret,
    responderUsername: admin.username,
    responderPassword: admin.password,
  };
}

/** `reports/elf.csv` for a `RestApi` record → `reports/elf.restapi.csv` (the first CSV field names the type). */
export function typedPath(path: string, type: string): string {
  const label = type.replace(/[^A-Za-z0-9_-]/g, '').toLowerCase() || 'records';
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/')
    ? `${path.slice(0, dot)}.${label}${path.slice(dot)}`
    : `${path}.${label}`;
}

function intakeConfig(intake: TargetIntake): IntakeConfig {
  const { deliver: _deliver, ...config } = intake;
  return config as IntakeConfig;
}

function deliver(intake: TargetIntake, body: unknown, receivedAt: number, context: AttachmentContext): void {
  const asNotice = (intake.deliver ?? (intake.type === 'smtp' ? 'notices' : 'signals')) === 'notices';
  if (asNotice) {
    context.notice({ intake: intake.id, receivedAt, ...noticeOf(body) });
    return;
  }
  const mapped = mapAlert(body, intake.mapping ?? {});
  context.receive(mapped.control ?? intake.id, {
    rule: mapped.rule ?? 'alert',
    severity: mapped.severity ?? 'medium',
    summary: mapped.summary ?? JSON.stringify(body).slice(0, 200),
    patientIds: mapped.patientIds ?? [],
    evidence: [],
    correlationId: mapped.correlationId,
  });
}
