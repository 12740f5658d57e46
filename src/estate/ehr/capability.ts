import { SEARCH_PARAMS } from './search-params.ts';

const SMART_CAPABILITIES = ['client-confidential-symmetric', 'permission-v1', 'permission-v2'];

/** Which interactions each type answers; Patient alone is writable, because the CRM sync writes back to it. */
const INTERACTIONS: Record<string, string[]> = {
  Patient: ['read', 'search-type', 'update'],
  Practitioner: ['read', 'search-type'],
  Encounter: ['read', 'search-type'],
  Condition: ['read', 'search-type'],
  Appointment: ['read', 'search-type'],
  AuditEvent: ['read', 'search-type'],
};

export function tokenUrl(fhirBaseUrl: string): string {
  return `${fhirBaseUrl}/auth/token`;
}

export function capabilityStatement(fhirBaseUrl: string, date: string) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'phi-drill simulated EHR',
    kind: 'instance',
    software: { name: 'phi-drill-ehr' },
    implementation: {
      description: 'Simulated EHR for breach drills (synthetic data only)',
      url: fhirBaseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: tokenUrl(fhirBaseUrl) }],
            },
          ],
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
            },
          ],
        },
        // The one operation the server implements; its definition is local to this simulated server.
        operation: [{ name: 'break-glass', definition: 'urn:phi-drill:OperationDefinition:break-glass' }],
        resource: Object.entries(INTERACTIONS).map(([type, interactions]) => ({
          type,
          interaction: interactions.map((code) => ({ code })),
          searchParam: Object.entries(SEARCH_PARAMS[type] ?? {}).map(([name, def]) => ({
            name,
            type: def.type,
          })),
        })),
      },
    ],
  };
}

export function smartConfiguration(fhirBaseUrl: string) {
  return {
    issuer: fhirBaseUrl,
    token_endpoint: tokenUrl(fhirBaseUrl),
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    grant_types_supported: ['client_credentials'],
    scopes_supported: ['system/*.rs', 'system/*.cruds', 'user/*.rs', 'patient/*.rs'],
    capabilities: SMART_CAPABILITIES,
  };
}
