import { HttpResponse, http, type RequestHandler } from 'msw';
import type { SyntheticPatient } from '../../synth/patient.ts';
import { webToLeadParamOf } from '../crm/index.ts';
import type { EstateFetch } from '../dispatch.ts';

/** What the form can ask beyond contact details, each a Lead custom field Web-to-Lead fills. */
export const REQUEST_EXTRAS = ['Birthdate__c', 'Reason_For_Visit__c', 'Preferred_Date__c'] as const;
export type RequestExtra = (typeof REQUEST_EXTRAS)[number];

/**
 * The portal's "request an appointment" form for people who are not yet patients. It posts straight
 * from the visitor's browser to the CRM's Web-to-Lead servlet, so whatever it asks for lands in a Lead.
 */
export interface AppointmentRequestForm {
  /** The org id the generated form carries (`oid`). */
  oid: string;
  /** Lead fields asked for beyond name, e-mail and phone. */
  extras: RequestExtra[];
}

export interface AppointmentRequester {
  given: string;
  family: string;
  email: string;
  phone: string;
  birthDate: string;
  reason: string;
  preferredDate: string;
}

/**
 * A seeded patient filling the form for a visit a week after `now`, asking about their first
 * recorded condition (or `otherwise` when they have none), as the estate's requesters do.
 */
export function patientRequester(
  patient: Pick<SyntheticPatient, 'given' | 'family' | 'email' | 'phone' | 'birthDate' | 'conditions'>,
  now: number,
  otherwise: string,
): AppointmentRequester {
  return {
    given: patient.given,
    family: patient.family,
    email: patient.email,
    phone: patient.phone,
    birthDate: patient.birthDate,
    reason: patient.conditions[0]?.display ?? otherwise,
    preferredDate: new Date(now + 7 * 86_400_000).toISOString().slice(0, 10),
  };
}

const LABEL: Record<RequestExtra, string> = {
  Birthdate__c: 'Date of birth',
  Reason_For_Visit__c: 'Reason for visit (symptoms or diagnosis)',
  Preferred_Date__c: 'Preferred date',
};

const input = (name: string, label: string) =>
  `<label>${label} <input name="${name}" autocomplete="off"></label>`;

function page(form: AppointmentRequestForm): string {
  const extras = form.extras.map((field) => input(webToLeadParamOf(field)!, LABEL[field]));
  return `<!doctype html><html lang="en"><head><title>Request an appointment</title></head><body>
<form method="post" action="/servlet/servlet.WebToLead?encoding=UTF-8">
<input type="hidden" name="oid" value="${form.oid}"><input type="hidden" name="retURL" value="/portal/help">
<input type="hidden" name="lead_source" value="Patient Portal">
${[input('first_name', 'First name'), input('last_name', 'Last name'), input('email', 'E-mail'), input('phone', 'Phone'), ...extras].join('\n')}
<button>Request</button></form></body></html>`;
}

export function appointmentRequestHandlers(form: AppointmentRequestForm): RequestHandler[] {
  return [http.get('*/portal/appointments/request', () => HttpResponse.html(page(form)))];
}

function extraValue(field: RequestExtra, who: AppointmentRequester): string {
  if (field === 'Birthdate__c') return who.birthDate;
  if (field === 'Preferred_Date__c') return who.preferredDate;
  return who.reason;
}

/** A visitor fills the form as it stands and submits it; returns the servlet's HTTP status. */
export async function submitAppointmentRequest(
  fetch: EstateFetch,
  form: AppointmentRequestForm,
  who: AppointmentRequester,
  headers: Record<string, string>,
): Promise<number> {
  await fetch('/portal/appointments/request', { headers });
  const body = new URLSearchParams({
    oid: form.oid,
    retURL: '/portal/help',
    lead_source: 'Patient Portal',
    first_name: who.given,
    last_name: who.family,
    email: who.email,
    phone: who.phone,
  });
  for (const field of form.extras) body.set(webToLeadParamOf(field)!, extraValue(field, who));
  const response = await fetch('/servlet/servlet.WebToLead?encoding=UTF-8', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return response.status;
}
