import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const WORKSTATION_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 2h')
    .default(fallback)
    .describe(what);

/**
 * A clinician who is also an EHR super-user switches AuditEvent recording off ("the audit table is
 * slowing the evening load"), looks up people she knows by name and opens their problems and visits,
 * checking the switch before each lookup, and turns recording back on when she is done so the gap
 * looks like a glitch. Nothing announces the change: only the audit volume shows it.
 */
export const auditTrailGap = defineInjector({
  id: 'audit-trail-gap',
  summary:
    'EHR audit recording is switched off for an evening while an insider browses charts, then switched back on',
  attack: ['T1562.008', 'T1213'],
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)', '164.502(a)'],
  dossier: {
    dossier: 'legal-consequences',
    failure: 'Missing audit trails for PHI access within CRM platforms',
  },
  detection:
    'The EHR audit trail stops growing while access telemetry for the EHR continues (audit records per access below the learned rate)',
  params: z.strictObject({
    gap: duration('2h', 'How long the trail stays off unless someone restores it'),
    lookups: z.int().min(1).max(50).default(10).describe('Patients the insider looks up during the gap'),
    lookupEvery: duration('10m', 'Pause between lookups'),
    firstPatient: z.int().min(0).default(42).describe('Population index of the first patient looked up'),
    clinician: z.int().min(0).default(3).describe('Which seeded clinician account the insider uses'),
  }),
  conditions: ['audit-restored'],
  async apply({ estate, fetch, later, exposed }, params) {
    const audit = estate.ehr.state.config.audit;
    const saved = audit.enabled;
    audit.enabled = false;
    let coverUp = false;
    const clinicians = estate.credentials.ehr.clinicians;
    const clinician = clinicians[params.clinician % clinicians.length]!;
    const device = { 'x-forwarded-for': workstationIp(clinician.seat), 'user-agent': WORKSTATION_AGENT };
    const lookup = async (n: number) => {
      // She checks the switch first: once someone has turned recording back on, she stops.
      if (audit.enabled) return;
      const grant = await fetch('/fhir/R4/auth/token', {
        method: 'POST',
        headers: { ...device, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clinician.clientId,
          client_secret: clinician.clientSecret,
          scope: 'user/Patient.rs user/Encounter.rs user/Condition.rs',
        }),
      });
      if (!grant.ok) throw new Error(`insider token refused (HTTP ${grant.status})`);
      const { access_token: token } = (await grant.json()) as { access_token: string };
      const headers = { ...device, authorization: `Bearer ${token}` };
      const patient = estate.population.patient((params.firstPatient + n * 29) % estate.population.count);
      const byName = new URLSearchParams({ family: patient.family, given: patient.given });
      const found = await fetch(`/fhir/R4/Patient?${byName}`, { headers });
      if (!found.ok) return;
      const bundle = (await found.json()) as { entry?: Array<{ resource: { id: string } }> };
      const ids = (bundle.entry ?? []).map((entry) => entry.resource.id);
      exposed(ids);
      for (const id of ids.slice(0, 1)) {
        await fetch(`/fhir/R4/Condition?patient=${id}`, { headers });
        await fetch(`/fhir/R4/Encounter?patient=${id}&_count=20`, { headers });
      }
    };
    await lookup(0);
    const every = parseDuration(params.lookupEvery)!;
    for (let n = 1; n < params.lookups; n++)
      later(n * every, 'audit-trail-gap: insider looks up a chart', () => lookup(n));
    later(parseDuration(params.gap)!, 'audit-trail-gap: insider switches recording back on', () => {
      if (audit.enabled) return;
      coverUp = true;
      audit.enabled = true;
    });
    return {
      // Contained only when someone other than the insider restored recording, before she did.
      probes: { 'audit-restored': () => audit.enabled && !coverUp },
      revert() {
        audit.enabled = saved;
      },
    };
  },
});
