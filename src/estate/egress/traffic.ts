import type { Estate } from '../estate.ts';

const CRM_AGENT = 'SFDC-Callout/66.0';

/**
 * The everyday callouts the egress haystack holds: the engagement vendor (BAA on file) receives each
 * refreshed patient's reminder with name, MRN and appointment, and the service-desk board (no BAA,
 * no PHI) receives counts. Patients are picked in turn, not drawn, so other streams' draws are unchanged.
 */
export function routineCallouts(estate: Estate): () => Promise<void> {
  let turn = 0;
  return async () => {
    const patient = estate.population.patient((turn++ * 7) % estate.population.count);
    const appointment = patient.appointments[0];
    const caller = (id: string) => ({ sourceIp: '127.0.0.1', userAgent: CRM_AGENT, requestId: id });
    await estate.egress.callout(
      'EngagePulse_Reminders',
      '/v2/reminders',
      JSON.stringify({
        mrn: patient.mrn,
        firstName: patient.given,
        lastName: patient.family,
        mobile: patient.phone,
        appointment: appointment?.start ?? null,
      }),
      caller(estate.context.nextId('req')),
    );
    await estate.egress.callout(
      'StatusBoard_Metrics',
      '/metrics',
      JSON.stringify({ openCases: 3 + (turn % 5), remindersQueued: turn }),
      caller(estate.context.nextId('req')),
    );
  };
}
