import type { EstateCredentials } from './credentials.ts';
import type { Crm } from './crm/index.ts';
import type { Ehr } from './ehr/index.ts';

/**
 * The organisation's people and integrations: front-desk and admin users, the sync and engagement
 * integration users (the engagement one holds View All Data: the over-privilege the oauth leak
 * exploits), their connected apps, and the EHR's clinician and backend clients.
 */
export function seedEstateIdentities({
  ehr,
  crm,
  credentials,
}: {
  ehr: Ehr;
  crm: Crm;
  credentials: EstateCredentials;
}): void {
  const { crm: c, ehr: e } = credentials;
  for (const desk of c.frontDesk) {
    crm.state.addUser({
      ...desk,
      profile: 'Front Desk',
      userType: 'Standard',
      permissions: ['ApiEnabled'],
      actorType: 'front-desk',
    });
  }
  crm.state.addUser({
    ...c.admin,
    profile: 'System Administrator',
    userType: 'Admin',
    permissions: ['ApiEnabled', 'ModifyAllData', 'ViewAllData', 'ViewEventLogFiles'],
  });
  crm.state.addUser({
    ...c.syncUser,
    profile: 'Integration',
    userType: 'Integration',
    permissions: ['ApiEnabled', 'ModifyAllData', 'ViewAllData'],
  });
  crm.state.addUser({
    ...c.engageUser,
    profile: 'Integration',
    userType: 'Integration',
    permissions: ['ApiEnabled', 'ViewAllData'],
  });
  // Least privilege for log collection: the API and View Event Log Files, no View All Data.
  crm.state.addUser({
    ...c.securityAnalyst,
    profile: 'Security Analyst',
    userType: 'Standard',
    permissions: ['ApiEnabled', 'ViewEventLogFiles'],
  });
  // Marketing works leads, not patients: no access to patient accounts, API for its campaign tool.
  crm.state.addUser({
    ...c.marketing,
    profile: 'Marketing',
    userType: 'Standard',
    permissions: ['ApiEnabled'],
    actorType: 'marketing',
  });
  crm.state.addConnectedApp({
    ...c.syncApp,
    scopes: ['api', 'refresh_token'],
    thirdParty: false,
    runAsUsername: c.syncUser.username,
  });
  crm.state.addConnectedApp({ ...c.consoleApp, scopes: ['api', 'web'], thirdParty: false });
  crm.state.addConnectedApp({
    ...c.engageApp,
    scopes: ['api'],
    thirdParty: true,
    runAsUsername: c.engageUser.username,
  });

  ehr.state.addClient({
    ...e.sync,
    scopes: ['system/Patient.rs'],
    actor: { id: 'svc-ehr-crm-sync', type: 'service', name: 'EHR→CRM sync' },
  });
  ehr.state.addClient({
    ...e.portal,
    scopes: ['system/Patient.r', 'system/Appointment.rs'],
    actor: { id: 'svc-portal', type: 'service', name: 'Patient portal backend' },
  });
  ehr.state.addClient({
    ...e.reminders,
    scopes: ['patient/Appointment.rs'],
    actor: { id: 'app-appointment-reminders', type: 'integration', name: 'Appointment reminders app' },
  });
  for (const clinician of e.clinicians) {
    ehr.state.addClient({
      ...clinician,
      scopes: ['user/Patient.rs', 'user/Encounter.rs', 'user/Condition.rs', 'user/Appointment.rs'],
      actor: { id: clinician.name, type: 'clinician', name: clinician.name },
    });
  }
}
