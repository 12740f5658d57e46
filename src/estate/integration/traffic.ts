import { documentationIp, workstationIp } from '../../synth/identifiers.ts';
import type { SyntheticPatient } from '../../synth/patient.ts';
import type { Stream } from '../background/traffic.ts';
import type { Estate } from '../estate.ts';
import { APPROVED_LOG_READERS, LOG_READERS } from './app-log.ts';
import { SSL_PROTOCOL_HEADER, type TlsProtocol } from './edge-tls.ts';
import {
  CLIENT_CERT_HEADER,
  INTAKE_LOGGER,
  INTAKE_PARTNERS,
  INTAKE_PATH,
  LOG_SEARCH_PATH,
  SSO_USER_HEADER,
} from './endpoints.ts';

const PARTNER_AGENT = 'RiversideReferralGateway/2.3';
const LOG_BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15';

/** A referral as the partner's gateway sends it; `usDate` is the partner's recurring formatting bug. */
export function intakeBody(patient: SyntheticPatient, usDate = false): string {
  const [year, month, day] = patient.birthDate.split('-');
  return JSON.stringify({
    mrn: patient.mrn,
    given: patient.given,
    family: patient.family,
    birthDate: usDate ? `${month}/${day}/${year}` : patient.birthDate,
    gender: patient.gender,
    phone: patient.phone,
    email: patient.email,
    ssn: patient.ssn,
    address: patient.address,
    reason: patient.conditions[0]?.display ?? 'new patient referral',
  });
}

/** The partner's gateway offers TLS 1.3; its failover appliance stops at TLS 1.2 (both within policy). */
export function partnerHeaders(protocol: TlsProtocol = 'TLSv1.3'): Record<string, string> {
  return {
    [CLIENT_CERT_HEADER]: INTAKE_PARTNERS[0]!.cn,
    [SSL_PROTOCOL_HEADER]: protocol,
    'x-forwarded-for': documentationIp(1, 61),
    'user-agent': PARTNER_AGENT,
    'content-type': 'application/json',
  };
}

export function logSearchUrl(logger: string, level: string): string {
  return `${LOG_SEARCH_PATH}?${new URLSearchParams({ logger, level, limit: '100' })}`;
}

export function readerHeaders(username: string, seat: number): Record<string, string> {
  return { [SSO_USER_HEADER]: username, 'x-forwarded-for': workstationIp(seat), 'user-agent': LOG_BROWSER };
}

/**
 * Everyday integration traffic: the referral partner submits new patients over TLS 1.2 or 1.3 (a
 * few fail validation, answered tersely), and the integration on-call reviews the intake log; now and then an engineer
 * outside the approved groups tries too and is refused.
 */
export function integrationStreams(estate: Estate): Stream[] {
  const approved = LOG_READERS.filter((reader) => APPROVED_LOG_READERS.includes(reader.group));
  const others = LOG_READERS.filter((reader) => !APPROVED_LOG_READERS.includes(reader.group));
  let submitted = 0;
  return [
    {
      label: 'partner intake',
      perHour: { business: 4, other: 0.5 },
      async act(r) {
        const patient = estate.population.patient(Math.floor(r() * estate.population.count));
        await estate.fetch(INTAKE_PATH, {
          method: 'POST',
          // Every third referral comes through the failover appliance: TLS 1.2, the benign look-alike of a weak link.
          headers: partnerHeaders(submitted++ % 3 === 2 ? 'TLSv1.2' : 'TLSv1.3'),
          body: intakeBody(patient, r() < 0.12),
        });
      },
    },
    {
      label: 'intake log review',
      perHour: { business: 1, other: 0 },
      async act(r) {
        const pool = r() < 0.8 ? approved : others;
        const reader = pool[Math.floor(r() * pool.length)]!;
        await estate.fetch(logSearchUrl(INTAKE_LOGGER, 'warn'), {
          headers: readerHeaders(reader.username, reader.seat),
        });
      },
    },
  ];
}
