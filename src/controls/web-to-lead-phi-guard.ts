import { changeFieldRead } from '../estate/crm/field-read-change.ts';
import type { Estate } from '../estate/estate.ts';
import { defineControl } from './define.ts';
import { firstTime } from './first-time.ts';

const ME = 'web-to-lead-phi-guard';
const SCAN_EVERY_MS = 15 * 60_000;
const READS = new Set(['sf.query', 'sf.retrieve', 'sf.report.run', 'sf.report.export']);

/**
 * Lead fields that carry PHI when a form fills them, and the profiles whose duties need them
 * (164.502(b), 164.514(d)): a lead is marketing's, so no profile that works leads is entitled.
 */
export const LEAD_PHI_FIELDS: Readonly<Record<string, string>> = {
  Birthdate__c: 'date of birth',
  Reason_For_Visit__c: 'reason for visit (diagnosis)',
};
const ENTITLED_PROFILES = ['System Administrator', 'System', 'Integration'];

/** Leads now holding a value in a PHI field. */
function leadsWithPhi(estate: Estate) {
  return estate.crm.state.records
    .list('Lead')
    .filter((lead) =>
      Object.keys(LEAD_PHI_FIELDS).some((field) => lead[field] !== null && lead[field] !== undefined),
    );
}

function holdsPhi(estate: Estate, field: string): boolean {
  return leadsWithPhi(estate).some((lead) => lead[field] !== null && lead[field] !== undefined);
}

/** The patients behind those leads: a lead's e-mail matched to a patient's Person Account. */
function patientsBehind(estate: Estate, emails: ReadonlySet<string>): string[] {
  const accounts = estate.crm.state.records
    .list('Account')
    .filter((account) => emails.has(String(account.PersonEmail ?? '').toLowerCase()))
    .map((account) => account.Id as string);
  return estate.crmPatientIdsOf(accounts);
}

/**
 * Guards the appointment-request path into the CRM (164.502(b), 164.514(d), 164.308(a)(4)): a lead
 * Web-to-Lead files with a PHI field filled (from CRM telemetry), a lead's PHI fields read by a
 * profile with no duty to see them (the API events of the read), and, on a 15-minute pass over
 * field-level security, every profile outside the entitled ones that can still read a Lead field
 * now holding PHI. Containment: remove that read access, recorded in the Setup Audit Trail.
 */
export const webToLeadPhiGuard = defineControl({
  id: ME,
  summary:
    'PHI filed into Leads by Web-to-Lead; lead PHI read or readable by unentitled profiles; removes their read access',
  kind: 'detector',
  reads: ['crm'],
  rules: ['phi-in-lead', 'unentitled-lead-phi-read', 'lead-phi-readable'],
  covers: ['web-to-lead-phi'],
  scanEveryMs: SCAN_EVERY_MS,
  start({ estate, raise }) {
    const once = firstTime();
    const state = estate.crm.state;
    const phiPatients = () =>
      patientsBehind(
        estate,
        new Set(leadsWithPhi(estate).map((lead) => String(lead.Email ?? '').toLowerCase())),
      );
    return {
      onEvent(event) {
        if (event.system !== 'crm' || event.outcome !== 'success' || event.resource.type !== 'Lead') return;
        const phi = event.fields.filter((field) => field in LEAD_PHI_FIELDS);
        if (phi.length === 0) return;
        if (event.action === 'sf.lead.web-to-lead' && once(`phi-in-lead:${phi.sort().join(',')}`)) {
          raise({
            rule: 'phi-in-lead',
            severity: 'high',
            summary: `Web-to-Lead filed lead ${event.resource.id} with ${phi.map((f) => LEAD_PHI_FIELDS[f]).join(', ')} from ${event.sourceIp}`,
            patientIds: [],
            evidence: [event.id],
            ...(event.correlationId ? { correlationId: event.correlationId } : {}),
          });
        }
        if (!READS.has(event.action) || (event.rows ?? 1) === 0) return;
        const user = state.auth.users.get(event.actor.id);
        if (!user || ENTITLED_PROFILES.includes(user.profile)) return;
        // A column no lead has filled discloses nothing: only fields holding PHI count.
        const held = phi.filter((field) => holdsPhi(estate, field));
        if (held.length === 0 || !once(`read:${user.id}:${held.join(',')}`)) return;
        raise({
          rule: 'unentitled-lead-phi-read',
          severity: 'critical',
          summary: `${user.name} (${user.profile}) read ${held.map((f) => LEAD_PHI_FIELDS[f]).join(', ')} of ${event.rows ?? 1} lead(s)`,
          patientIds: phiPatients(),
          evidence: [event.id],
          ...(event.correlationId ? { correlationId: event.correlationId } : {}),
        });
      },
      onScan() {
        const holding = Object.keys(LEAD_PHI_FIELDS).filter((field) => holdsPhi(estate, field));
        if (holding.length === 0) return;
        const profiles = new Set([...state.auth.users.values()].map((user) => user.profile));
        for (const profile of profiles) {
          if (ENTITLED_PROFILES.includes(profile)) continue;
          const readable = holding.filter((field) => state.fieldSecurity.canRead(profile, 'Lead', field));
          if (readable.length === 0) continue;
          for (const field of readable)
            changeFieldRead(state, {
              profile,
              object: 'Lead',
              field,
              read: false,
              actor: { id: ME, type: 'responder', name: ME },
            });
          if (!once(`readable:${profile}:${readable.join(',')}`)) continue;
          raise({
            rule: 'lead-phi-readable',
            severity: 'medium',
            summary: `profile ${profile} could read ${readable.map((f) => `Lead.${f}`).join(', ')}, which hold PHI; read access removed`,
            patientIds: phiPatients(),
            evidence: [],
          });
        }
      },
    };
  },
});
