import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import {
  FORWARDED_PROTO_HEADER,
  SSL_PROTOCOL_HEADER,
  TLS_PROTOCOLS,
} from '../estate/integration/edge-tls.ts';
import { INTAKE_PATH } from '../estate/integration/endpoints.ts';
import { intakeBody, partnerHeaders } from '../estate/integration/traffic.ts';
import { defineInjector } from './define.ts';

const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

/** The partner's legacy failover appliance, as its user agent names it. */
const LEGACY_AGENT = 'RiversideReferralGateway/1.4 (failover appliance)';

/**
 * To keep a referral partner's legacy failover appliance connected, a change on the integration
 * edge re-enables TLS 1.0 and 1.1 (or opens the plain HTTP listener). Half an hour later the
 * partner's primary gateway fails over, and referrals carrying name, date of birth, SSN and reason for referral cross the
 * internet on a protocol SP 800-52r2 no longer allows, until the edge is held to TLS 1.2 again.
 */
export const weakTlsIntegration = defineInjector({
  id: 'weak-tls-integration',
  summary:
    'The integration edge re-enables TLS 1.0/1.1 (or plain HTTP) for a legacy partner appliance; referrals with PHI cross it',
  attack: ['T1557', 'T1040'],
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(e)(2)(i)', '164.308(a)(1)(ii)(D)'],
  dossier: {
    dossier: 'legal-consequences',
    failure:
      'API integrations between EHR systems and CRM platforms transmitting PHI without TLS 1.2+ encryption or proper authentication',
  },
  detection:
    'Access-log ssl_protocol below TLSv1.2 (or "-" for plain HTTP) on a request carrying a patient record; edge ssl_protocols allowing TLSv1/TLSv1.1',
  params: z.strictObject({
    protocol: z
      .enum(['TLSv1', 'TLSv1.1', 'http'])
      .default('TLSv1')
      .describe('What the legacy appliance speaks: TLSv1, TLSv1.1, or plain HTTP'),
    submissions: z.int().min(1).max(200).default(6).describe('Referrals the appliance sends'),
    failoverAfter: duration(
      '30m',
      'Delay from the edge change to the partner’s failover (its first referral)',
    ),
    submitEvery: duration('10m', 'Pause between the appliance’s referrals'),
    firstPatient: z.int().min(0).default(70).describe('Population index of the first referred patient'),
  }),
  conditions: ['tls-enforced'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    const { edge } = estate.integration;
    const saved = { sslProtocols: [...edge.config.sslProtocols], plainHttp: edge.config.plainHttp };
    if (params.protocol === 'http') edge.config.plainHttp = true;
    else edge.config.sslProtocols = [...TLS_PROTOCOLS];
    const submit = async (n: number) => {
      const patient = estate.population.patient((params.firstPatient + n * 37) % estate.population.count);
      const headers: Record<string, string> = {
        ...partnerHeaders(),
        'user-agent': `${LEGACY_AGENT} (${correlationId})`,
      };
      if (params.protocol === 'http') headers[FORWARDED_PROTO_HEADER] = 'http';
      else headers[SSL_PROTOCOL_HEADER] = params.protocol;
      const response = await fetch(INTAKE_PATH, { method: 'POST', headers, body: intakeBody(patient) });
      // A refused handshake sends nothing; an answered request put the record on the wire.
      const refused = response.status === 400 && (await response.text()).includes('TLS_HANDSHAKE_FAILED');
      // Below TLS 1.2 the channel does not meet SP 800-52, so HHS guidance does not count it as encryption.
      if (!refused) exposed([patient.id], { encrypted: false, keyCompromised: false });
    };
    const first = parseDuration(params.failoverAfter)!;
    const every = parseDuration(params.submitEvery)!;
    for (let n = 0; n < params.submissions; n++)
      later(first + n * every, 'weak-tls-integration: the legacy appliance sends a referral', () =>
        submit(n),
      );
    return {
      probes: { 'tls-enforced': () => !edge.weak() },
      revert() {
        edge.config = saved;
      },
    };
  },
});
