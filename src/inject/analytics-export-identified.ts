import { z } from 'zod';
import { EXPORT_HOST_IP } from '../estate/analytics/hosts.ts';
import { patientIdsInText } from '../synth/patients-in-text.ts';
import { defineInjector } from './define.ts';

/**
 * An analyst chasing a join that "does not match" switches the population-health export's
 * de-identification step off and re-runs it by hand: the batch that reaches the outside analytics
 * platform carries names, MRNs, full birth dates, street addresses, phone numbers, e-mail addresses
 * and insurance member ids beside each diagnosis.
 */
export const analyticsExportIdentified = defineInjector({
  id: 'analytics-export-identified',
  summary:
    'Population-health export re-run without de-identification sends identified patient rows to the outside analytics platform',
  attack: ['T1567', 'T1537'],
  hipaa: ['164.514(b)(2)', '164.502(b)', '164.514(d)', '164.502(e)(1)', '164.308(a)(1)(ii)(D)'],
  dossier: {
    dossier: 'immediate-action',
    failure:
      'Batch data exports to external analytics platforms without proper de-identification violate minimum necessary requirements',
  },
  detection:
    'Outbound analytics batch whose columns still carry Safe Harbor identifiers (names, dates, ZIP, contact details, MRN…)',
  params: z.strictObject({}),
  conditions: ['batch-recalled'],
  async apply({ estate, exposed, correlationId }) {
    const exports = estate.analytics;
    const saved = exports.config.deidentify;
    exports.config.deidentify = false;
    const analyst = estate.credentials.crm.admin;
    const batch = await exports.run(
      { id: analyst.username, type: 'admin', name: analyst.name },
      { sourceIp: EXPORT_HOST_IP, requestId: estate.context.nextId('req'), correlationId },
    );
    if (exports.platform.batches.has(batch.batchId))
      exposed(patientIdsInText(batch.rows.map((row) => row.join(',')).join('\n')));
    return {
      probes: { 'batch-recalled': () => !exports.platform.batches.has(batch.batchId) },
      revert() {
        exports.config.deidentify = saved;
        exports.platform.batches.delete(batch.batchId);
        exports.outbound.delete(batch.batchId);
      },
    };
  },
});
