import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { SANDBOX_CONSOLE_IP } from '../estate/sandbox/state.ts';
import { requestToken } from '../estate/token-request.ts';
import { documentationIp } from '../synth/identifiers.ts';
import { patientIdsInText } from '../synth/patients-in-text.ts';
import { defineInjector } from './define.ts';

const READ_FIELDS =
  'FirstName, LastName, PersonBirthdate, PersonEmail, PersonMobilePhone, MRN__c, SSN__c, Primary_Diagnosis__c';
const CONTRACTOR_TOOL = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

/**
 * A release manager refreshes the full-copy sandbox for a test cycle. The post-copy step that runs the
 * Data Mask policy was dropped from the refresh when the sandbox was re-created, so production patient
 * accounts land unmasked in an org the outside development firm signs in to; its developers then page
 * through patient records while testing screens.
 */
export const unmaskedSandbox = defineInjector({
  id: 'unmasked-sandbox',
  summary:
    'Full-copy sandbox refreshed without Data Mask; contractor developers read unmasked patient accounts in it',
  attack: ['T1213', 'T1078'],
  hipaa: ['164.308(a)(4)', '164.502(b)', '164.514(d)', '164.312(a)(1)', '164.308(a)(1)(ii)(D)'],
  dossier: {
    dossier: 'lawsuit-preparation',
    failure:
      'Create isolated sandbox environments for testing breach response procedures without exposing production PHI',
  },
  detection:
    'Sandbox refresh with no masking job after it; production PHI sampled from the sandbox; contractor reads of it',
  params: z.strictObject({
    sandbox: z.enum(['uat', 'dev']).default('uat').describe('The sandbox refreshed without masking'),
    reads: z.int().min(1).max(50).default(3).describe('Contractor queries of patient accounts that follow'),
    rowsPerRead: z.int().min(1).max(2000).default(25).describe('Accounts each contractor query returns'),
    firstReadAfter: duration('20m', 'Delay from the refresh to the first contractor query'),
    readEvery: duration('30m', 'Gap between contractor queries'),
  }),
  conditions: ['sandbox-access-suspended'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    const { sandboxes } = estate;
    const before = sandboxes.get(params.sandbox)!;
    const saved = { ...before, accounts: [...before.accounts] };
    const admin = estate.credentials.crm.admin;
    sandboxes.refresh(params.sandbox, {
      by: { id: admin.username, type: 'admin', name: admin.name },
      caller: { sourceIp: SANDBOX_CONSOLE_IP, requestId: estate.context.nextId('req'), correlationId },
      mask: false,
    });
    const contractors = sandboxes.users.filter((user) => user.type === 'engineer');
    const first = parseDuration(params.firstReadAfter)!;
    const every = parseDuration(params.readEvery)!;
    for (let n = 0; n < params.reads; n++) {
      later(first + n * every, 'unmasked-sandbox: contractor query', async () => {
        const contractor = contractors[n % contractors.length]!;
        const headers = { 'x-forwarded-for': documentationIp(2, 150 + n), 'user-agent': CONTRACTOR_TOOL };
        const grant = await requestToken(
          fetch,
          `/sandbox/${params.sandbox}/services/oauth2/token`,
          { grant_type: 'password', username: contractor.username, password: contractor.password },
          headers,
        );
        if (!grant.ok) return;
        const { access_token: token } = (await grant.json()) as { access_token: string };
        const soql = `SELECT ${READ_FIELDS} FROM Account ORDER BY MRN__c LIMIT ${params.rowsPerRead} OFFSET ${n * params.rowsPerRead}`;
        const page = await fetch(
          `/sandbox/${params.sandbox}/services/data/v${estate.crmApiVersion}/query?q=${encodeURIComponent(soql)}`,
          { headers: { ...headers, authorization: `Bearer ${token}` } },
        );
        if (page.ok) exposed(patientIdsInText(await page.text()));
      });
    }
    return {
      probes: {
        'sandbox-access-suspended': () => sandboxes.get(params.sandbox)?.accessSuspended === true,
      },
      revert() {
        sandboxes.restore(saved);
      },
    };
  },
});
