import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { TELEHEALTH_PLATFORM_IP } from '../estate/content-seed.ts';
import { documentationIp, workstationIp } from '../synth/identifiers.ts';
import { defineInjector } from './define.ts';

const DOWNLOADERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
  'curl/8.5.0',
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
];
const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

/** A few kilobytes standing in for the video: an MP4 box header and filler, no PHI inside. */
function recordingBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('\u0000\u0000\u0000\u0018ftypisom'));
  for (let i = 12; i < size; i++) bytes[i] = (i * 31) % 251;
  return bytes;
}

/**
 * File encryption (Shield) is off for new uploads after a key-rotation change, so a telehealth visit
 * recording, titled with the patient's MRN, is saved to CRM Files unencrypted. A front-desk
 * coordinator shares it on a public link to send to an outside specialist; the link travels further,
 * and strangers download the recording.
 */
export const telehealthRecordingExposed = defineInjector({
  id: 'telehealth-recording-exposed',
  summary:
    'Unencrypted telehealth recording in CRM Files shared on a public link; outside parties download it',
  attack: ['T1530', 'T1567'],
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(1)', '164.502(a)', '164.312(b)', '164.308(a)(1)(ii)(D)'],
  dossier: {
    dossier: 'immediate-action',
    failure:
      'Telehealth session recordings stored in Salesforce Files without encryption-at-rest violate HIPAA Security Rule technical safeguards',
  },
  detection:
    'Unencrypted file whose title/description carries an MRN; public link to it; downloads from outside',
  params: z.strictObject({
    patient: z.int().min(0).default(42).describe('Population index of the patient in the recording'),
    downloads: z.int().min(1).max(50).default(3).describe('Outside downloads of the public link'),
    firstDownloadAfter: duration('6m', 'Delay from sharing to the first outside download'),
    downloadEvery: duration('15m', 'Gap between outside downloads'),
  }),
  conditions: ['link-revoked'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    const { files } = estate.crm;
    const saved = files.config.encryptFiles;
    files.config.encryptFiles = false;
    const patient = estate.population.patient(params.patient);
    const account = estate.crm.state.records.matchExternalId('Account', 'FHIR_Patient_Id__c', patient.id)
      .matches[0];
    const day = new Date(estate.clock.now()).toISOString().slice(0, 10);
    const version = files.upload({
      title: `Telehealth visit ${patient.mrn} ${day}`,
      description: `Video visit recording. Patient name: ${patient.given} ${patient.family}, MRN ${patient.mrn}`,
      pathOnClient: `visit-${patient.mrn}-${day}.mp4`,
      body: recordingBytes(4096),
      ownerId: estate.content.telehealthUserId,
      ...(account ? { linkedRecordId: account.Id as string } : {}),
      caller: { sourceIp: TELEHEALTH_PLATFORM_IP, requestId: estate.context.nextId('req') },
    });
    const coordinator = estate.credentials.crm.frontDesk[0]!;
    const link = files.share(version.Id as string, {
      name: `Visit recording for referral (${correlationId})`,
      userId: estate.crm.state.auth.userByName(coordinator.username)!.id,
      caller: {
        sourceIp: workstationIp(10 + coordinator.seat),
        requestId: estate.context.nextId('req'),
        correlationId,
      },
    });
    const first = parseDuration(params.firstDownloadAfter)!;
    const every = parseDuration(params.downloadEvery)!;
    for (let n = 0; n < params.downloads; n++) {
      later(first + n * every, 'telehealth-recording-exposed: outside download', async () => {
        const headers = {
          'x-forwarded-for': documentationIp(0, 60 + n),
          'user-agent': `${DOWNLOADERS[n % DOWNLOADERS.length]} (${correlationId})`,
        };
        const page = await fetch(String(link.DistributionPublicUrl), { headers });
        if (!page.ok) return;
        const download = await fetch(String(link.ContentDownloadUrl), { headers });
        if (download.ok) exposed([patient.id]);
      });
    }
    return {
      probes: {
        'link-revoked': () =>
          !files.isLive(estate.crm.state.records.get('ContentDistribution', link.Id as string, true)),
      },
      revert() {
        files.config.encryptFiles = saved;
      },
    };
  },
});
