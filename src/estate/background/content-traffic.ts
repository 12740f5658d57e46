import { localParts } from '../../clock/local-time.ts';
import { toFhirPatient } from '../../synth/fhir.ts';
import { documentationIp } from '../../synth/identifiers.ts';
import {
  BACKUP_AGENT,
  BACKUP_BUCKET,
  BACKUP_HOST,
  TELEHEALTH_PLATFORM_IP,
  WEB_ASSETS_BUCKET,
} from '../content-seed.ts';
import type { Estate } from '../estate.ts';
import type { Stream } from './traffic.ts';

const VISITOR_BROWSERS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
];

/**
 * Object-store and Files traffic: the nightly backup job writing encrypted EHR extracts to its
 * private bucket, anonymous visitors reading the public website bucket, the telehealth platform
 * filing (encrypted) visit recordings, and people downloading the clinic's public flyer. The haystack
 * for open-storage and public-link rules: anonymous reads and public links are normal, PHI in them is not.
 */
export function contentStreams(estate: Estate): Stream[] {
  const { population, content } = estate;
  const backup = estate.credentials.storage.backup;
  const visitor = (r: () => number) => ({
    'x-forwarded-for': documentationIp(1 + Math.floor(r() * 2), 1 + Math.floor(r() * 250)),
    'user-agent': VISITOR_BROWSERS[Math.floor(r() * VISITOR_BROWSERS.length)]!,
  });
  let part = 0;
  return [
    {
      label: 'nightly backup part',
      perHour: { business: 0, other: 2 },
      async act(r) {
        const day = new Date(estate.clock.now()).toISOString().slice(0, 10);
        const patients = [0, 1, 2].map(() => population.patient(Math.floor(r() * population.count)));
        const body = patients.map((patient) => JSON.stringify(toFhirPatient(patient))).join('\n');
        part += 1;
        await estate.fetch(
          `/storage/${BACKUP_BUCKET}/ehr/${day}/part-${String(part).padStart(5, '0')}.ndjson`,
          {
            method: 'PUT',
            headers: {
              authorization: `Bearer ${backup.accessKey}`,
              'content-type': 'application/fhir+ndjson',
              'x-amz-server-side-encryption': 'AES256',
              'x-forwarded-for': BACKUP_HOST,
              'user-agent': BACKUP_AGENT,
            },
            body,
          },
        );
      },
    },
    {
      label: 'website asset read',
      perHour: { business: 12, other: 3 },
      async act(r) {
        const key = content.webAssets[Math.floor(r() * content.webAssets.length)]!;
        await estate.fetch(`/storage/${WEB_ASSETS_BUCKET}/${key}`, { headers: visitor(r) });
      },
    },
    {
      label: 'telehealth recording filed',
      perHour: { business: 2, other: 0 },
      async act(r) {
        const patient = population.patient(Math.floor(r() * population.count));
        const account = estate.crm.state.records.matchExternalId('Account', 'FHIR_Patient_Id__c', patient.id)
          .matches[0];
        const { hour } = localParts(estate.clock.now(), estate.timezone);
        const day = new Date(estate.clock.now()).toISOString().slice(0, 10);
        estate.crm.files.upload({
          title: `Telehealth visit ${patient.mrn} ${day} ${hour}h`,
          description: `Video visit recording for MRN ${patient.mrn}`,
          pathOnClient: `visit-${patient.mrn}-${day}.mp4`,
          body: new TextEncoder().encode(`ftypisom recording ${patient.id} ${day}`),
          ownerId: content.telehealthUserId,
          ...(account ? { linkedRecordId: account.Id as string } : {}),
          caller: { sourceIp: TELEHEALTH_PLATFORM_IP, requestId: estate.context.nextId('req') },
        });
      },
    },
    {
      label: 'public flyer download',
      perHour: { business: 3, other: 1 },
      async act(r) {
        const headers = visitor(r);
        await estate.fetch(content.flyerPublicUrl, { headers });
        await estate.fetch(content.flyerDownloadUrl, { headers });
      },
    },
  ];
}
