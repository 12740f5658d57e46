import { type AuditInput, HTEST, REQUEST_ID_ENTITY } from './audit.ts';
import { BTG } from './break-glass-policy.ts';
import type { FhirAuditAgent, FhirAuditEvent } from './fhir-types.ts';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

/** The same request facts as any audited access, plus what the override itself must leave on record. */
export interface BreakGlassAuditInput
  extends Pick<
    AuditInput,
    'id' | 'recorded' | 'status' | 'diagnostics' | 'caller' | 'requestor' | 'client' | 'server'
  > {
  /** Loggable handle of the elevated token (never the token itself), when one was issued. */
  elevatedSession?: string;
  reason: string;
  mfa: boolean;
  timeBoxEndsAt?: number;
}

/**
 * The AuditEvent for an emergency override: a DICOM Security Alert, "Emergency Override Started"
 * (110113 / 110127), with purpose of use BTG on the event and the requestor, and the justification
 * and second-factor evidence as entity details so the privacy office can review every override.
 */
export function breakGlassAuditEvent(input: BreakGlassAuditInput): FhirAuditEvent {
  const network = { address: input.caller.sourceIp, type: '2' };
  const purpose = [{ coding: [{ ...BTG }] }];
  const agents: FhirAuditAgent[] = [
    {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }],
      },
      who: input.requestor.who,
      name: input.requestor.name,
      requestor: true,
      network,
      purposeOfUse: purpose,
    },
  ];
  if (input.client) {
    agents.push({
      type: { coding: [{ system: DCM, code: '110153', display: 'Source Role ID' }] },
      who: {
        identifier: { system: 'urn:phi-drill:smart-client', value: input.client.clientId },
        display: input.client.name,
      },
      requestor: false,
      network,
    });
  }
  const details = [
    { type: 'justification', valueString: input.reason },
    { type: 'mfa', valueString: String(input.mfa) },
  ];
  if (input.timeBoxEndsAt !== undefined) {
    details.push({ type: 'time-box-ends', valueString: new Date(input.timeBoxEndsAt).toISOString() });
  }
  return {
    resourceType: 'AuditEvent',
    id: input.id,
    meta: { security: [HTEST] },
    type: { system: DCM, code: '110113', display: 'Security Alert' },
    subtype: [{ system: DCM, code: '110127', display: 'Emergency Override Started' }],
    action: 'E',
    recorded: input.recorded,
    outcome: input.status < 400 ? '0' : input.status < 500 ? '4' : '8',
    ...(input.diagnostics ? { outcomeDesc: input.diagnostics } : {}),
    purposeOfEvent: purpose,
    agent: agents,
    source: {
      observer: { display: 'phi-drill EHR', identifier: { value: input.server } },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    entity: [
      { what: { identifier: { value: input.caller.requestId } }, type: REQUEST_ID_ENTITY },
      {
        what: input.elevatedSession
          ? { identifier: { system: 'urn:phi-drill:ehr-session', value: input.elevatedSession } }
          : { display: 'override refused' },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2' },
        detail: details,
      },
    ],
  };
}
