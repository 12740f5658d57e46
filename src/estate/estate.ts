import type { RequestHandler } from 'msw';
import type { Clock } from '../clock/clock.ts';
import { toFhirPatient, toFhirResources } from '../synth/fhir.ts';
import { assertSyntheticPatient } from '../synth/identifiers.ts';
import type { SyntheticPatient } from '../synth/patient.ts';
import { patientIndexOf } from '../synth/patient-ids.ts';
import { patientAt } from '../synth/population.ts';
import type { TelemetryBus } from '../telemetry/bus.ts';
import { type AnalyticsExport, createAnalytics } from './analytics/index.ts';
import { type ContentSeed, seedContent } from './content-seed.ts';
import { createEstateContext, type EstateContext } from './context.ts';
import { createCredentials, type EstateCredentials } from './credentials.ts';
import { appCredentialHandlers } from './crm/app-credentials.ts';
import { resetClientSecret, revokeUserSessions } from './crm/credential-admin.ts';
import { type Crm, createCrm } from './crm/index.ts';
import { createDispatch, type EstateFetch } from './dispatch.ts';
import { edgeAdminHandlers } from './edge-admin.ts';
import { type BusinessAssociate, createEgressGateway, type EgressGateway } from './egress/index.ts';
import { egressAdminHandlers } from './egress-admin.ts';
import { AppointmentSchedule } from './ehr/appointment-schedule.ts';
import { createEhr, type Ehr } from './ehr/index.ts';
import { ehrAdminHandlers } from './ehr-admin.ts';
import { encryptionAdminHandlers } from './encryption-admin.ts';
import { createIntegration, type Integration } from './integration/index.ts';
import { logAdminHandlers } from './log-admin.ts';
import { createMail, type Mail, mailDirectory } from './mail/index.ts';
import { mailAdminHandlers } from './mail-admin.ts';
import { createMdm, type Mdm } from './mdm/index.ts';
import { mdmAdminHandlers } from './mdm-admin.ts';
import { networkAdminHandlers } from './network-admin.ts';
import { createNotificationDesk, type NotificationDesk } from './notification-desk.ts';
import { accountFields, patientAccountLoad } from './patient-accounts.ts';
import { createPatientCache } from './patient-cache.ts';
import { type AppointmentRequestForm, appointmentRequestHandlers } from './portal/appointment-request.ts';
import { patientByIdentity } from './portal/identity.ts';
import { createPortal, type Portal, type PortalOptions, type SessionStore } from './portal/index.ts';
import { portalRecordOf } from './portal/record.ts';
import { portalAdminHandlers } from './portal-admin.ts';
import { createSandboxes, type SandboxState } from './sandbox/index.ts';
import { seedEstateIdentities } from './seed-identities.ts';
import { createStorage, type Storage } from './storage/index.ts';
import { storageAdminHandlers } from './storage-admin.ts';
import { createSyncLogin } from './sync/crm-login.ts';
import { createSyncJob, type SyncJob, type SyncResidueSink } from './sync/index.ts';
import { syncAdminHandlers } from './sync-admin.ts';

export interface EstateOptions {
  clock: Clock;
  bus: TelemetryBus;
  seed: number;
  patients: number;
  /** IANA zone of the simulated organisation (clinic hours, off-hours rules). */
  timezone?: string;
  /** The portal's posture (default: every safeguard on). */
  portal?: PortalOptions;
  /**
   * The data plane on real infrastructure: the sync job's residue is also written to a database
   * and broker, and the portal keeps its sessions in a server-backed store. Default: memory only.
   */
  dataPlane?: { syncResidue?: SyncResidueSink; sessionStore?: SessionStore };
  /** The organisation's BAA register (default: the estate's own vendors). */
  businessAssociates?: readonly BusinessAssociate[];
}

export interface Population {
  readonly seed: number;
  readonly count: number;
  /** Random access: regenerated from (seed, index), never all held in memory. */
  patient(index: number): SyntheticPatient;
}

/**
 * The simulated organisation: EHR, CRM, patient portal and the sync job between them, seeded with a
 * synthetic population and wired so that one `fetch` reaches every system in-process.
 */
export interface Estate extends NotificationDesk {
  readonly context: EstateContext;
  readonly clock: Clock;
  readonly bus: TelemetryBus;
  readonly timezone: string;
  readonly crmApiVersion: string;
  readonly ehr: Ehr;
  readonly crm: Crm;
  readonly portal: Portal;
  /** The portal's appointment-request form for new patients, posting to the CRM's Web-to-Lead. */
  readonly appointmentRequest: AppointmentRequestForm;
  /** Outbound e-mail and the appointment-reminder job. */
  readonly mail: Mail;
  readonly sync: SyncJob;
  /** The S3-like object store (`/storage/{bucket}/{key}`) with its server access log. */
  readonly storage: Storage;
  /** What the store and CRM Files hold at the start: buckets, the telehealth uploader, a public flyer. */
  readonly content: ContentSeed;
  /** The integration engine's partner intake endpoint and its application log. */
  readonly integration: Integration;
  /** Non-production copies of the CRM (Salesforce sandboxes) and the contractors who sign in to them. */
  readonly sandboxes: SandboxState;
  /** The batch export to the outside analytics platform (and the platform's copy of what it received). */
  readonly analytics: AnalyticsExport;
  /** The outbound gateway CRM callouts leave through, with the BAA register and the vendors' endpoints. */
  readonly egress: EgressGateway;
  /** Mobile device management for the clinicians' devices, and the CRM app's offline store on them. */
  readonly mdm: Mdm;
  readonly population: Population;
  readonly credentials: EstateCredentials;
  readonly fetch: EstateFetch;
  handlers(): readonly RequestHandler[];
  /** A clinician edits a chart (phone or address), which the sync job will carry to the CRM. */
  touchPatient(index: number, random: () => number): void;
  /** Enqueues a bulk re-sync of `count` patients; returns their FHIR ids. */
  resyncBurst(count: number): string[];
  crmIsThirdPartyApp(name: string): boolean;
  /** Revokes every live token of a connected app; returns how many. */
  crmRevokeApp(name: string, by: string): number;
  /** Changes a connected app's allowed scopes; returns the function that restores them. */
  crmSetAppScopes(name: string, scopes: string[]): () => void;
  crmTokenRevoked(accessToken: string): boolean;
  /** Revokes every live session of a CRM user (by user id); returns how many. */
  crmRevokeUserSessions(userId: string, by: string): number;
  /** Gives a connected app a new secret and stores it in the org's vault entry for that app. */
  crmRotateAppSecret(name: string, by: string): boolean;
  /** A token that already exists (issued outside the drill window), as an app would hold it. */
  crmIssueToken(clientId: string, username: string, scopes: string[]): string;
  crmPatientIdsOf(accountIds: readonly string[]): string[];
}

export function createEstate(options: EstateOptions): Estate {
  const context = createEstateContext(options.clock, options.bus, options.seed);
  const patients = createPatientCache((index) => patientAt(options.seed, index));
  const population: Population = {
    seed: options.seed,
    count: options.patients,
    patient: patients.patient,
  };
  const ehr = createEhr(context);
  const crm = createCrm(context);
  const logins = new Map<string, number>();
  const credentials = createCredentials(options.seed, (index) => {
    const patient = population.patient(index);
    return { username: patient.email, patientId: patient.id };
  });
  const schedule = new AppointmentSchedule();
  ehr.state.seedPopulation({
    count: population.count,
    chart: (index) => toFhirResources(population.patient(index)),
    appointmentIndexesBetween: (from, to) => schedule.indexesBetween(from, to),
  });
  const seedingRead = patients.readForSeeding(population.count);
  for (let index = 0; index < population.count; index++) {
    const patient = seedingRead(index);
    assertSyntheticPatient(patient);
    for (const appointment of patient.appointments) schedule.add(Date.parse(appointment.start), index);
    logins.set(patient.email.toLowerCase(), index);
  }
  const accountIds = crm.state.loadAccounts(patientAccountLoad(population));
  // An id past the population names no one, though the generator could make them up.
  const memberIndex = (patientId: string | undefined) => {
    const index = patientId === undefined ? undefined : patientIndexOf(patientId);
    return index !== undefined && index < population.count ? index : undefined;
  };
  const accountOfPatient = (patientId: string) => {
    const index = memberIndex(patientId);
    return index === undefined ? undefined : accountIds.idAt(index);
  };
  seedEstateIdentities({ ehr, crm, credentials });
  crm.webToLead.defaultCreatorId = crm.state.auth.userByName(credentials.crm.marketing.username)!.id;
  // A sharing rule gives the front desk read access to every patient account (the default is Private).
  for (const desk of credentials.crm.frontDesk)
    crm.state.shareLoadedAccounts(crm.state.auth.userByName(desk.username)!.id);

  const timezone = options.timezone ?? 'America/New_York';
  const exportedEmail = (patientId: string) => {
    const index = memberIndex(patientId);
    return index === undefined ? undefined : population.patient(index).email;
  };
  const mail = createMail(context, mailDirectory(ehr, crm, accountOfPatient, exportedEmail), timezone);
  const portal = createPortal(
    context,
    {
      findLogin(username) {
        const index = logins.get(username.toLowerCase());
        if (index === undefined) return undefined;
        const patient = population.patient(index);
        const { password, totpSecret } = credentials.portal.loginFor(index);
        return {
          patientId: patient.id,
          password,
          totpSecret,
          displayName: `${patient.given} ${patient.family}`,
        };
      },
      appointmentsFor(patientId) {
        const index = memberIndex(patientId);
        if (index === undefined) return [];
        return population
          .patient(index)
          .appointments.map(({ id, start, status, description, practitioner }) => ({
            id,
            start,
            status,
            description,
            practitioner,
          }));
      },
      findByIdentity: (identity) => patientByIdentity(population, identity),
      recordFor(patientId) {
        const index = memberIndex(patientId);
        return index === undefined ? undefined : portalRecordOf(population.patient(index));
      },
    },
    { ...options.portal, sessionStore: options.dataPlane?.sessionStore },
  );

  let handlers: RequestHandler[] = [];
  const fetch = createDispatch(() => handlers, context);
  // The integration logs in from its own server and again only when the session lapses, so its
  // logins have one known source a baseline can learn.
  const crmToken = createSyncLogin({
    fetch,
    app: credentials.crm.syncApp,
    active: (token) => crm.state.activeGrant(token) !== undefined,
  });
  const sync = createSyncJob(
    context,
    { crmFetch: fetch, crmToken, apiVersion: crm.state.apiVersion },
    {},
    options.dataPlane?.syncResidue,
  );
  // Intake records carry an MRN; synthetic MRNs are the population index.
  const patientIdOfMrn = (mrn: string) => {
    const index = Number(mrn.slice(mrn.indexOf('-') + 1));
    return Number.isInteger(index) && index < population.count ? population.patient(index).id : undefined;
  };
  const integration = createIntegration(context, patientIdOfMrn);
  const egress = createEgressGateway(context, () => fetch, patientIdOfMrn, options.businessAssociates);
  const mdm = createMdm(context);
  const storage = createStorage(context);
  const content = seedContent({ storage, crm, credentials });
  // The org's vault: where its own integrations read a connected app's secret after a rotation.
  const storeAppSecret = (clientId: string, secret: string) => {
    for (const held of Object.values(credentials.crm)) {
      if ('clientId' in held && held.clientId === clientId) held.clientSecret = secret;
    }
  };
  const appointmentRequest: AppointmentRequestForm = { oid: crm.state.orgId.slice(0, 15), extras: [] };
  const sandboxes = createSandboxes(context, crm);
  const analytics = createAnalytics(context, fetch, population, crm.state);
  handlers = [
    ...ehr.handlers,
    ...appCredentialHandlers(crm.state, storeAppSecret),
    ...crm.handlers,
    ...portal.handlers,
    ...portalAdminHandlers(portal.state, crm.state, options.bus),
    ...appointmentRequestHandlers(appointmentRequest),
    ...encryptionAdminHandlers(crm.state, crm.encryption),
    ...integration.handlers,
    ...syncAdminHandlers(sync, crm.state),
    ...logAdminHandlers(integration, crm.state, options.bus),
    ...ehrAdminHandlers(ehr.state, crm.state, options.clock, options.bus),
    ...mailAdminHandlers(mail, crm.state),
    ...networkAdminHandlers(crm.state, options.bus),
    ...storageAdminHandlers(storage.state, crm.state),
    ...storage.handlers,
    ...sandboxes.handlers,
    ...analytics.handlers,
    ...edgeAdminHandlers(integration.edge, crm.state),
    ...egress.handlers,
    ...egressAdminHandlers(egress, crm.state),
    ...mdmAdminHandlers(mdm, crm.state),
  ];

  const enqueuePatient = (index: number) => {
    const patient = population.patient(index);
    sync.enqueue({ patientId: patient.id, mrn: patient.mrn, account: accountFields(patient) });
    return patient.id;
  };
  ehr.state.onPatientChange((patient) => {
    const index = memberIndex(patient.id);
    if (index !== undefined) enqueuePatient(index);
  });
  const appByName = (name: string) => [...crm.state.auth.apps.values()].find((app) => app.name === name);

  return {
    context,
    clock: options.clock,
    bus: options.bus,
    timezone,
    crmApiVersion: crm.state.apiVersion,
    ehr,
    crm,
    portal,
    appointmentRequest,
    mail,
    sync,
    integration,
    sandboxes: sandboxes.state,
    analytics: analytics.exports,
    egress,
    mdm,
    storage,
    content,
    population,
    credentials,
    fetch,
    handlers: () => handlers,
    ...createNotificationDesk(crm),
    touchPatient(index, random) {
      const patient = population.patient(index);
      const { resourceType: _type, id: _id, ...current } = toFhirPatient(patient);
      const telecom = [{ system: 'phone', value: patient.phone, use: random() < 0.5 ? 'mobile' : 'home' }];
      ehr.state.updatePatient(patient.id, { ...current, ...{ telecom } });
    },
    resyncBurst(count) {
      return Array.from({ length: Math.min(count, population.count) }, (_, index) => enqueuePatient(index));
    },
    crmIsThirdPartyApp: (name) => appByName(name)?.thirdParty ?? false,
    crmRevokeApp(name, by) {
      const app = appByName(name);
      if (!app) return 0;
      let revoked = 0;
      for (const [token, grant] of crm.state.tokens) {
        if (grant.clientId !== app.clientId || grant.revokedAt !== undefined) continue;
        if (crm.state.revokeToken(token, { actor: { id: by, type: 'responder', name: by } })) revoked++;
      }
      return revoked;
    },
    crmSetAppScopes(name, scopes) {
      const app = appByName(name);
      if (!app) throw new Error(`no connected app named "${name}"`);
      const saved = app.scopes;
      app.scopes = scopes;
      return () => {
        app.scopes = saved;
      };
    },
    crmIssueToken(clientId, username, scopes) {
      const user = crm.state.auth.userByName(username);
      const app = crm.state.auth.appByClientId(clientId);
      if (!user || !app) throw new Error(`no user ${username} or connected app ${clientId} in the CRM`);
      return crm.state.issueToken(user, app, scopes, { refresh: scopes.includes('refresh_token') })
        .accessToken;
    },
    crmTokenRevoked: (token) => crm.state.tokens.get(token)?.revokedAt !== undefined,
    crmRevokeUserSessions: (userId, by) =>
      revokeUserSessions(crm.state, userId, { id: by, type: 'responder', name: by }),
    crmRotateAppSecret(name, by) {
      const app = appByName(name);
      const actor = { id: by, type: 'responder' as const, name: by };
      const secret = app && resetClientSecret(crm.state, app.clientId, actor);
      if (!secret) return false;
      storeAppSecret(app.clientId, secret);
      return true;
    },
    crmPatientIdsOf(accountIds) {
      return accountIds.flatMap((id) => {
        const patientId = crm.state.get('Account', id)?.FHIR_Patient_Id__c;
        return typeof patientId === 'string' ? [patientId] : [];
      });
    },
  };
}
