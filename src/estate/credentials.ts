import { createHash, createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { base32 } from './portal/totp.ts';

export interface AppCredentials {
  name: string;
  clientId: string;
  clientSecret: string;
}

export interface UserCredentials {
  username: string;
  password: string;
  name: string;
  /** Workstation seat, for a stable internal source address. */
  seat: number;
}

export interface EstateCredentials {
  crm: {
    syncApp: AppCredentials;
    consoleApp: AppCredentials;
    engageApp: AppCredentials;
    syncUser: UserCredentials;
    engageUser: UserCredentials;
    admin: UserCredentials;
    frontDesk: UserCredentials[];
    /** Reads the event logs for outside tools (SIEM connectors): View Event Log Files, no record access. */
    securityAnalyst: UserCredentials;
    /** Marketing operations: owns the leads Web-to-Lead files and works them into campaigns. */
    marketing: UserCredentials;
  };
  ehr: {
    sync: AppCredentials;
    portal: AppCredentials;
    /** A third-party SMART app that sends appointment reminders. */
    reminders: AppCredentials;
    clinicians: Array<AppCredentials & { seat: number }>;
  };
  portal: {
    /** A patient's sign-in, with the base32 TOTP secret their (synthetic) authenticator holds. */
    loginFor(index: number): { username: string; password: string; patientId: string; totpSecret: string };
  };
  /** Object-store access keys of service accounts. */
  storage: { backup: { principal: string; name: string; accessKey: string } };
}

/**
 * Credentials of the estate's seeded users and apps. Secrets are random per estate (never in the repo,
 * never in reports); names and ids are stable so telemetry reads the same on every run.
 */
export function createCredentials(
  seed: number,
  portalLogin: (index: number) => { username: string; patientId: string },
): EstateCredentials {
  const secret = () => randomBytes(18).toString('base64url');
  const clientId = (name: string) =>
    `3MVG9${createHash('sha256').update(`${seed}:${name}`).digest('base64url').slice(0, 40)}`;
  const app = (name: string): AppCredentials => ({ name, clientId: clientId(name), clientSecret: secret() });
  const user = (username: string, name: string, seat: number): UserCredentials => ({
    username,
    name,
    seat,
    password: secret(),
  });
  const portalPassword = secret();
  // Per-patient authenticator secrets, derived so the directory needs no table, random per estate.
  // A KeyObject made once: an HMAC keyed with raw bytes imports them again on every call, six times
  // the cost of the MAC itself, and seeding derives one per patient.
  const mfaKey = createSecretKey(randomBytes(32));
  const totpSecret = (patientId: string) =>
    base32(createHmac('sha256', mfaKey).update(patientId).digest().subarray(0, 20));
  return {
    crm: {
      syncApp: app('EHR Sync'),
      consoleApp: app('Front Desk Console'),
      engageApp: app('PatientEngage Analytics'),
      syncUser: user('integration.sync@clinic.example.org', 'EHR Sync Integration', 1),
      engageUser: user('integration.engage@clinic.example.org', 'PatientEngage Integration', 2),
      admin: user('crm.admin@clinic.example.org', 'CRM Administrator', 3),
      frontDesk: [
        user('frontdesk.amy@clinic.example.org', 'Amy Front Desk', 4),
        user('frontdesk.raj@clinic.example.org', 'Raj Front Desk', 5),
        user('frontdesk.lee@clinic.example.org', 'Lee Front Desk', 6),
      ],
      securityAnalyst: user('secops.analyst@clinic.example.org', 'Security Analyst', 7),
      marketing: user('marketing.nia@clinic.example.org', 'Nia Marketing', 8),
    },
    ehr: {
      sync: app('crm-sync'),
      portal: app('portal-backend'),
      reminders: app('appointment-reminders'),
      clinicians: ['dr.okafor', 'dr.lindqvist', 'np.alvarez', 'rn.chen'].map((name, i) => ({
        ...app(name),
        seat: 20 + i,
      })),
    },
    portal: {
      // One shared password keeps the directory O(1); usernames are the patients' reserved-domain e-mails.
      loginFor: (index) => {
        const login = portalLogin(index);
        return { ...login, password: portalPassword, totpSecret: totpSecret(login.patientId) };
      },
    },
    storage: {
      backup: { principal: 'svc-nightly-backup', name: 'Nightly EHR backup', accessKey: `stk_${secret()}` },
    },
  };
}
