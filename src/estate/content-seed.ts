import { randomBytes } from 'node:crypto';
import { documentationIp, workstationIp } from '../synth/identifiers.ts';
import type { EstateCredentials } from './credentials.ts';
import type { Crm } from './crm/index.ts';
import type { Storage } from './storage/index.ts';

export const BACKUP_BUCKET = 'clinic-nightly-backups';
/** The backup service that writes the nightly copies into BACKUP_BUCKET, as storage logs see it. */
export const BACKUP_AGENT = 'clinic-backup/2.3';
export const BACKUP_HOST = workstationIp(240);
export const WEB_ASSETS_BUCKET = 'clinic-web-assets';
/** The telehealth vendor's platform, which uploads visit recordings through its integration user. */
export const TELEHEALTH_PLATFORM_IP = documentationIp(0, 120);

/** Public website assets: what anonymous readers normally fetch, none of it PHI. */
const WEB_ASSETS: ReadonlyArray<[key: string, contentType: string, text: string]> = [
  [
    'brochures/flu-clinic.html',
    'text/html',
    '<h1>Walk-in flu clinic</h1><p>Weekdays, no appointment needed.</p>',
  ],
  ['brochures/visiting-hours.html', 'text/html', '<h1>Visiting hours</h1><p>Open every afternoon.</p>'],
  ['forms/new-patient-welcome.html', 'text/html', '<h1>Welcome</h1><p>Bring your insurance card.</p>'],
  ['img/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><circle r="8"/></svg>'],
];

export interface ContentSeed {
  webAssets: readonly string[];
  telehealthUserId: string;
  /** A marketing flyer the clinic shares on a public link: the normal use of ContentDistribution. */
  flyerPublicUrl: string;
  flyerDownloadUrl: string;
}

/**
 * The estate's object store and CRM Files as they stand before a drill: a private, encrypted backup
 * bucket the nightly job writes to, a public website bucket, the telehealth integration user whose
 * recordings land in Files, and one harmless public link.
 */
export function seedContent({
  storage,
  crm,
  credentials,
}: {
  storage: Storage;
  crm: Crm;
  credentials: EstateCredentials;
}): ContentSeed {
  const backup = credentials.storage.backup;
  storage.state.addKey(backup.accessKey, { id: backup.principal, name: backup.name, type: 'service' });
  storage.state.createBucket({
    name: BACKUP_BUCKET,
    owner: backup.principal,
    publicRead: false,
    encrypted: true,
  });
  storage.state.createBucket({
    name: WEB_ASSETS_BUCKET,
    owner: 'web-team',
    publicRead: true,
    encrypted: false,
  });
  for (const [key, contentType, text] of WEB_ASSETS) {
    storage.state.put('web-team', WEB_ASSETS_BUCKET, key, {
      body: new TextEncoder().encode(text),
      contentType,
    });
  }
  const telehealth = crm.state.addUser({
    username: 'integration.telehealth@clinic.example.org',
    password: randomBytes(18).toString('base64url'),
    name: 'Telehealth Integration',
    profile: 'Integration',
    userType: 'Integration',
    permissions: ['ApiEnabled'],
  });
  const admin = crm.state.auth.userByName(credentials.crm.admin.username)!;
  const caller = { sourceIp: '127.0.0.1', requestId: 'seed' };
  const flyer = crm.files.upload({
    title: 'Spring flu clinic flyer',
    pathOnClient: 'spring-flu-clinic.pdf',
    body: new TextEncoder().encode('%PDF-1.7 Spring flu clinic: walk in, weekdays.'),
    ownerId: admin.id,
    caller,
  });
  const link = crm.files.share(flyer.Id as string, { name: 'Flu clinic flyer', userId: admin.id, caller });
  return {
    webAssets: WEB_ASSETS.map(([key]) => key),
    telehealthUserId: telehealth.id,
    flyerPublicUrl: String(link.DistributionPublicUrl),
    flyerDownloadUrl: String(link.ContentDownloadUrl),
  };
}
