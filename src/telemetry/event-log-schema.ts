/**
 * EventLogFile headers per event type, as documented for API 66 (DOMAIN.md §4). Kept as data so a
 * schema drift between releases is a one-line change here, never a code change.
 */
const COMMON = [
  'EVENT_TYPE',
  'TIMESTAMP',
  'REQUEST_ID',
  'ORGANIZATION_ID',
  'USER_ID',
  'RUN_TIME',
  'CPU_TIME',
  'URI',
  'SESSION_KEY',
  'LOGIN_KEY',
] as const;

const DERIVED = ['TIMESTAMP_DERIVED', 'USER_ID_DERIVED'] as const;

const REPORT_EXPORT = [
  ...COMMON,
  'CLIENT_IP',
  'CLIENT_INFO',
  'REPORT_DESCRIPTION',
  ...DERIVED,
  'URI_ID_DERIVED',
];

export const EVENT_LOG_HEADERS = {
  RestApi: [
    ...COMMON,
    'USER_TYPE',
    'REQUEST_STATUS',
    'DB_TOTAL_TIME',
    'DB_BLOCKS',
    'DB_CPU_TIME',
    'MEDIA_TYPE',
    'STATUS_CODE',
    'USER_AGENT',
    'REQUEST_SIZE',
    'RESPONSE_SIZE',
    'METHOD',
    'ENTITY_NAME',
    'NUMBER_FIELDS',
    'ROWS_PROCESSED',
    'CLIENT_NAME',
    'CLIENT_IP',
    'CONNECTED_APP_ID',
    'EXCEPTION_MESSAGE',
    'QUERY',
    ...DERIVED,
    'URI_ID_DERIVED',
  ],
  API: [
    ...COMMON,
    'USER_TYPE',
    'REQUEST_STATUS',
    'DB_TOTAL_TIME',
    'DB_BLOCKS',
    'DB_CPU_TIME',
    'API_TYPE',
    'API_VERSION',
    'METHOD_NAME',
    'ENTITY_NAME',
    'ROWS_PROCESSED',
    'REQUEST_SIZE',
    'RESPONSE_SIZE',
    'CLIENT_NAME',
    'CLIENT_IP',
    'CONNECTED_APP_ID',
    'QUERY',
    'USER_AGENT',
    'NUMBER_FIELDS',
    ...DERIVED,
    'URI_ID_DERIVED',
  ],
  Login: [
    ...COMMON,
    'USER_TYPE',
    'REQUEST_STATUS',
    'API_TYPE',
    'API_VERSION',
    'AUTHENTICATION_METHOD_REFERENCE',
    'BROWSER_TYPE',
    'CIPHER_SUITE',
    'CLIENT_IP',
    'FORWARDED_FOR_IP',
    'LOGIN_STATUS',
    'LOGIN_TYPE',
    'LOGIN_URL',
    'SOURCE_IP',
    'TLS_PROTOCOL',
    'USE_API_TOKEN',
    'USER_NAME',
    ...DERIVED,
  ],
  ReportExport: REPORT_EXPORT,
  Report: [
    ...REPORT_EXPORT,
    'USER_TYPE',
    'REQUEST_STATUS',
    'DB_TOTAL_TIME',
    'ENTITY_NAME',
    'DISPLAY_TYPE',
    'RENDERING_TYPE',
    'ORIGIN',
    'REPORT_ID',
    'REPORT_ID_DERIVED',
    'ROW_COUNT',
    'NUMBER_COLUMNS',
    'AVERAGE_ROW_SIZE',
    'SORT',
  ],
  // Files (API 66 docs): neither type carries a client IP, so who fetched a public link is only in
  // the web tier's own logs.
  ContentTransfer: [
    'EVENT_TYPE',
    'TIMESTAMP',
    'REQUEST_ID',
    'ORGANIZATION_ID',
    'USER_ID',
    'TRANSACTION_TYPE',
    'DOCUMENT_ID',
    'VERSION_ID',
    'FILE_TYPE',
    'FILE_PREVIEW_TYPE',
    'SIZE_BYTES',
    ...DERIVED,
    'DOCUMENT_ID_DERIVED',
  ],
  ContentDistribution: [
    'EVENT_TYPE',
    'TIMESTAMP',
    'REQUEST_ID',
    'ORGANIZATION_ID',
    'USER_ID',
    'ACTION',
    'DELIVERY_ID',
    'DELIVERY_LOCATION',
    'RELATED_ENTITY_ID',
    'VERSION_ID',
    ...DERIVED,
  ],
} as const satisfies Record<string, readonly string[]>;

export type EventLogType = keyof typeof EVENT_LOG_HEADERS;

export const EVENT_LOG_TYPES = Object.keys(EVENT_LOG_HEADERS) as EventLogType[];

const NUMBER_FIELDS = new Set([
  'RUN_TIME',
  'CPU_TIME',
  'DB_TOTAL_TIME',
  'DB_BLOCKS',
  'DB_CPU_TIME',
  'STATUS_CODE',
  'USER_AGENT',
  'REQUEST_SIZE',
  'RESPONSE_SIZE',
  'NUMBER_FIELDS',
  'ROWS_PROCESSED',
  'ROW_COUNT',
  'NUMBER_COLUMNS',
  'AVERAGE_ROW_SIZE',
  'BROWSER_TYPE',
  'SIZE_BYTES',
]);

/** The `LogFileFieldTypes` entry for one header. */
export function fieldTypeOf(name: string): 'Id' | 'Number' | 'DateTime' | 'String' {
  if (name === 'TIMESTAMP_DERIVED') return 'DateTime';
  if (NUMBER_FIELDS.has(name)) return 'Number';
  if (name.endsWith('_ID_DERIVED') || name === 'ORGANIZATION_ID' || name === 'CONNECTED_APP_ID') return 'Id';
  if (name === 'USER_ID' || name === 'REPORT_ID') return 'Id';
  if (['DOCUMENT_ID', 'VERSION_ID', 'DELIVERY_ID', 'RELATED_ENTITY_ID'].includes(name)) return 'Id';
  return 'String';
}

/**
 * `USER_AGENT` in RestApi/API rows is a numeric client-type code whose table Salesforce does not
 * publish; a stable number per user-agent string keeps "new client for this user" rules working.
 */
export function userAgentCode(userAgent: string | undefined): number {
  if (!userAgent) return 0;
  let hash = 2166136261;
  for (let i = 0; i < userAgent.length; i += 1)
    hash = Math.imul(hash ^ userAgent.charCodeAt(i), 16777619) >>> 0;
  return 1_000_000 + (hash % 9_000_000);
}

/**
 * Login `LOGIN_STATUS` values. The first two are documented; the JWT and refresh-token failure
 * codes follow the same naming and are unverified.
 */
export const LOGIN_STATUS = {
  ok: 'LOGIN_NO_ERROR',
  badPassword: 'LOGIN_ERROR_INVALID_PASSWORD',
  badAssertion: 'LOGIN_ERROR_INVALID_JWT',
  badRefreshToken: 'LOGIN_ERROR_INVALID_REFRESH_TOKEN',
} as const;
