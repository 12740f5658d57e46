import { SANDBOX_CONSOLE_IP } from '../estate/sandbox/state.ts';
import { requestToken } from '../estate/token-request.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { defineControl } from './define.ts';
import { productionPhiIn } from './production-phi.ts';

const SCAN_EVERY_MS = 15 * 60_000;
/** The masking job runs as the refresh's post-copy step; a copy unmasked this long after it was made is exposed. */
const MASK_GRACE_MS = 60 * 60_000;
/** Records sampled from a sandbox per scan: enough to see a copy is unmasked, cheap on its API limits. */
const SAMPLE = 50;
const SAMPLE_QUERY = `SELECT FirstName, LastName, PersonBirthdate, PersonEmail, PersonMobilePhone, MRN__c, SSN__c FROM Account LIMIT ${SAMPLE}`;
const ME = 'nonprod-phi-scanner';
const RESPONDER = { id: ME, type: 'responder' as const, name: ME };

interface Watched {
  refreshedAt: number;
  refreshEvent: string;
  masked: boolean;
  /** Contractor queries seen since the refresh, reported once the copy is known to hold PHI. */
  reads: TelemetryEvent[];
  unmasked: boolean;
}

/**
 * Looks for production PHI in non-production copies of the CRM (164.308(a)(4), 164.514(d)): after
 * each sandbox refresh (Setup Audit Trail / SandboxProcess telemetry) it signs in to the sandbox as
 * its own service user, samples patient accounts through the sandbox's API and recognises the
 * population's identifiers in them; it also notices a refresh that no Data Mask job followed, and
 * reports every contractor query of a copy found unmasked. Containment: suspend access to the
 * sandbox until it is masked or deleted.
 */
export const nonprodPhiScanner = defineControl({
  id: ME,
  summary:
    'Production PHI sampled from a sandbox; refresh with no masking job; contractor reads of it; suspends access',
  kind: 'detector',
  reads: ['crm'],
  rules: ['unmasked-phi-in-sandbox', 'refresh-without-masking', 'contractor-read-unmasked'],
  covers: ['unmasked-sandbox'],
  scanEveryMs: SCAN_EVERY_MS,
  start({ estate, raise, clock }) {
    const { sandboxes } = estate;
    const watched = new Map<string, Watched>();
    const flagged = new Set<string>();
    const scanner = sandboxes.users.find((user) => user.type === 'service')!;

    const headers = { 'x-forwarded-for': SANDBOX_CONSOLE_IP, 'user-agent': `${ME}/1.0` };
    /** Reads the sandbox through its own API, as its own service user, like any reader of it would. */
    const signIn = async (name: string): Promise<string | undefined> => {
      const grant = await requestToken(
        estate.fetch,
        `/sandbox/${name}/services/oauth2/token`,
        { grant_type: 'password', username: scanner.username, password: scanner.password },
        headers,
      );
      return grant.ok ? ((await grant.json()) as { access_token: string }).access_token : undefined;
    };
    const query = async (name: string, token: string, soql: string): Promise<string> => {
      const page = await estate.fetch(
        `/sandbox/${name}/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`,
        { headers: { ...headers, authorization: `Bearer ${token}` } },
      );
      return page.ok ? page.text() : '';
    };
    /** Who a contractor's query exposed: the logged SOQL replayed against the same copy. */
    const reportRead = async (name: string, token: string, read: TelemetryEvent) => {
      const replayed = await query(name, token, String(read.detail?.QUERY ?? ''));
      raise({
        rule: 'contractor-read-unmasked',
        severity: 'critical',
        summary: `${read.actor.name ?? read.actor.id} read ${read.rows ?? 0} unmasked patient accounts in sandbox ${name} from ${read.sourceIp}`,
        patientIds: productionPhiIn(replayed, estate.population).patientIds,
        evidence: [read.id],
        ...(read.correlationId ? { correlationId: read.correlationId } : {}),
      });
    };

    return {
      onEvent(event) {
        if (event.system !== 'crm' || event.outcome !== 'success') return;
        const name = String(event.detail?.SandboxName ?? '');
        if (event.action === 'sandbox.refresh') {
          watched.set(name, {
            refreshedAt: event.time,
            refreshEvent: event.id,
            masked: false,
            reads: [],
            unmasked: false,
          });
          return;
        }
        const state = watched.get(name);
        if (!state) return;
        if (event.action === 'sandbox.datamask' && event.detail?.Status === 'Completed') state.masked = true;
        if (event.action === 'sandbox.query' && event.actor.type !== 'service' && event.rows)
          state.reads.push(event);
      },
      async onScan() {
        for (const [name, state] of watched) {
          if (
            !state.masked &&
            clock.now() - state.refreshedAt >= MASK_GRACE_MS &&
            !flagged.has(`mask:${name}`)
          ) {
            flagged.add(`mask:${name}`);
            raise({
              rule: 'refresh-without-masking',
              severity: 'high',
              summary: `sandbox ${name} was refreshed from production ${Math.round((clock.now() - state.refreshedAt) / 60_000)} min ago and no Data Mask job has completed on it`,
              patientIds: [],
              evidence: [state.refreshEvent],
            });
          }
          // A suspended copy needs no more sampling; it stays watched only until its masking verdict is in.
          if (state.unmasked) {
            if (flagged.has(`mask:${name}`)) watched.delete(name);
            continue;
          }
          const token = await signIn(name);
          if (token === undefined) continue;
          if (!state.unmasked) {
            const found = productionPhiIn(await query(name, token, SAMPLE_QUERY), estate.population);
            if (found.patientIds.length === 0) {
              state.reads = [];
              if (state.masked) watched.delete(name);
              continue;
            }
            state.unmasked = true;
            raise({
              rule: 'unmasked-phi-in-sandbox',
              severity: 'critical',
              summary: `sandbox ${name} holds production PHI: ${found.kinds.join(', ')} in ${found.patientIds.length} of ${SAMPLE} sampled accounts`,
              // Who was exposed is who was read: the contractor-read signals name them.
              patientIds: [],
              evidence: [state.refreshEvent],
            });
          }
          for (const read of state.reads) await reportRead(name, token, read);
          state.reads = [];
          sandboxes.suspendAccess(name, RESPONDER, {
            sourceIp: SANDBOX_CONSOLE_IP,
            requestId: estate.context.nextId('req'),
          });
        }
      },
    };
  },
});
