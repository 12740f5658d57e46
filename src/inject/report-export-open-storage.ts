import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import { documentationIp, workstationIp } from '../synth/identifiers.ts';
import { patientIdsInText } from '../synth/patients-in-text.ts';
import { defineInjector } from './define.ts';

const BUCKET = 'vendor-outreach-share';
const REPORT_FIELDS =
  'FirstName, LastName, PersonBirthdate, PersonEmail, PersonMobilePhone, MRN__c, SSN__c, Primary_Diagnosis__c';
const ADMIN_BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const DOWNLOADERS = ['curl/8.5.0', 'python-requests/2.32.3', 'Wget/1.21.4', 'aws-cli/2.17.0'];
const duration = (fallback: string, what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'a duration like 5m')
    .default(fallback)
    .describe(what);

/**
 * A CRM admin exports a patient report as CSV (Report / ReportExport event-log rows) to hand to a
 * mailing vendor, and uploads it to a bucket whose policy was opened to that vendor months ago, so
 * anyone with the URL can read it. Anonymous downloads from outside addresses follow.
 */
export const reportExportOpenStorage = defineInjector({
  id: 'report-export-open-storage',
  summary:
    'Admin exports a patient report to CSV and uploads it to a publicly readable bucket; strangers download it',
  attack: ['T1530', 'T1567.002'],
  hipaa: ['164.502(b)', '164.514(d)', '164.312(a)(1)', '164.312(b)', '164.308(a)(1)(ii)(D)'],
  dossier: {
    dossier: 'legal-consequences',
    failure: 'CRM report exports containing PHI stored on unsecured cloud storage',
  },
  detection: 'Bulk report export by an unusual user; public object holding PHI; anonymous reads of it',
  params: z.strictObject({
    rows: z.int().min(1).max(100_000).default(500).describe('Patient rows in the exported report'),
    downloads: z.int().min(1).max(50).default(4).describe('Anonymous downloads that follow'),
    firstDownloadAfter: duration('4m', 'Delay from the upload to the first anonymous download'),
    downloadEvery: duration('12m', 'Gap between anonymous downloads'),
  }),
  conditions: ['object-private', 'bucket-private'],
  async apply({ estate, fetch, later, exposed, correlationId }, params) {
    const admin = estate.credentials.crm.admin;
    const adminUser = estate.crm.state.auth.userByName(admin.username)!;
    const report = estate.crm.state.addReport({
      name: 'Outreach list - all patients',
      description: 'Mailing list for the spring outreach vendor',
      soql: `SELECT ${REPORT_FIELDS} FROM Account ORDER BY MRN__c LIMIT ${params.rows}`,
      ownerId: adminUser.id,
    });
    const bucket = estate.storage.state.createBucket({
      name: BUCKET,
      owner: admin.username,
      publicRead: true,
      encrypted: true,
    });
    const storageKey = estate.storage.state.issueKey({ id: admin.username, name: admin.name, type: 'admin' });
    const desk = {
      'x-forwarded-for': workstationIp(10 + admin.seat),
      'user-agent': `${ADMIN_BROWSER} (${correlationId})`,
    };
    const token = estate.crmIssueToken(estate.credentials.crm.consoleApp.clientId, admin.username, [
      'api',
      'web',
    ]);
    const csv = await fetch(`/${report.id.slice(0, 15)}?export=1&enc=UTF-8&xf=csv`, {
      headers: { ...desk, authorization: `Bearer ${token}` },
    });
    if (!csv.ok) throw new Error(`report export failed (HTTP ${csv.status})`);
    const body = await csv.text();
    const key = `exports/outreach-${new Date(estate.clock.now()).toISOString().slice(0, 10)}.csv`;
    const put = await fetch(`/storage/${BUCKET}/${key}`, {
      method: 'PUT',
      headers: {
        ...desk,
        authorization: `Bearer ${storageKey}`,
        'content-type': 'text/csv',
        'x-amz-acl': 'public-read',
      },
      body,
    });
    if (!put.ok) throw new Error(`upload failed (HTTP ${put.status})`);
    const inFile = patientIdsInText(body);
    const first = parseDuration(params.firstDownloadAfter)!;
    const every = parseDuration(params.downloadEvery)!;
    for (let n = 0; n < params.downloads; n++) {
      later(first + n * every, 'report-export-open-storage: anonymous download', async () => {
        const response = await fetch(`/storage/${BUCKET}/${key}`, {
          headers: {
            'x-forwarded-for': documentationIp(2, 40 + n),
            'user-agent': `${DOWNLOADERS[n % DOWNLOADERS.length]} (${correlationId})`,
          },
        });
        if (response.ok) exposed(inFile);
      });
    }
    return {
      probes: {
        'object-private': () => !estate.storage.state.isPublic(BUCKET, key),
        'bucket-private': () => !estate.storage.state.bucketIsPublic(bucket.name),
      },
      revert() {
        estate.storage.state.dropBucket(BUCKET);
        estate.storage.state.revokeKey(storageKey);
        estate.crm.state.reports.delete(report.id);
      },
    };
  },
});
