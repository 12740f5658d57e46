import type { TrailDefinition } from './trails.ts';

const FILE_EVENT_TYPES = new Set(['ContentTransfer', 'ContentDistribution']);

/** Audit trails of the object store and of CRM Files (their public-link pages and downloads). */
export const CONTENT_TRAILS: readonly TrailDefinition[] = [
  {
    id: 'storage-access-log',
    group: 'logs',
    feed: 'storage-access',
    summary: 'Object-store server access log: bucket, key, operation, requester, address, status, bytes',
    scope: '/storage/',
    control: 'storage-access-log',
    fields: [
      'time',
      'requestId',
      'bucket',
      'key',
      'operation',
      'requester',
      'sourceIp',
      'userAgent',
      'status',
      'bytes',
    ],
    find(estate, requestId) {
      const line = estate.storage.state.accessLog.find((entry) => entry.requestId === requestId);
      if (!line) return undefined;
      return {
        id: `storage-access:${requestId}`,
        time: line.time,
        value: (field) => line[field as keyof typeof line],
      };
    },
  },
  {
    id: 'crm-file-events',
    group: 'crm',
    summary:
      'CRM Event Monitoring file rows (EventLogFile: ContentDistribution views, ContentTransfer downloads)',
    scope: '/sfc/',
    control: 'crm-event-log',
    fields: [
      'REQUEST_ID',
      'TIMESTAMP_DERIVED',
      'VERSION_ID',
      'ACTION',
      'DELIVERY_ID',
      'TRANSACTION_TYPE',
      'DOCUMENT_ID',
      'SIZE_BYTES',
    ],
    find(estate, requestId) {
      const row = estate.crm.state.eventLog.find(
        (entry) => entry.requestId === requestId && FILE_EVENT_TYPES.has(entry.eventType),
      );
      if (!row) return undefined;
      return { id: `${row.eventType}:${requestId}`, time: row.time, value: (field) => row.fields[field] };
    },
  },
];
