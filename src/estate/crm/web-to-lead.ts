import { type HttpHandler, http } from 'msw';
import { callerOf } from '../caller.ts';
import type { CrmState } from './state.ts';
import { emitCrmEvent } from './telemetry.ts';

/** Standard Web-to-Lead form parameters and the Lead fields they fill. */
const STANDARD_PARAMS: Readonly<Record<string, string>> = {
  first_name: 'FirstName',
  last_name: 'LastName',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  lead_source: 'LeadSource',
  description: 'Description',
};

/**
 * Custom fields travel under their 15- or 18-character field ids (`00N…`), as the generated form
 * names them; the org resolves each to its API name.
 */
export const WEB_TO_LEAD_CUSTOM_FIELDS: Readonly<Record<string, string>> = {
  '00N5e00000Hq1BdEAJ': 'Birthdate__c',
  '00N5e00000Hq1BeEAJ': 'Reason_For_Visit__c',
  '00N5e00000Hq1BfEAJ': 'Preferred_Date__c',
};

export function webToLeadParamOf(field: string): string | undefined {
  return Object.entries(WEB_TO_LEAD_CUSTOM_FIELDS).find(([, name]) => name === field)?.[0];
}

/** Web-to-Lead settings: on or off, and the user the org files (and assigns) new leads as. */
export interface WebToLeadConfig {
  enabled: boolean;
  /** The Default Lead Creator, who also owns leads when no assignment rule applies. */
  defaultCreatorId: string | undefined;
}

/** Dates arrive as the visitor's locale writes them (MM/DD/YYYY in en_US) or as ISO dates. */
function leadDate(text: string): string | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (us) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : undefined;
}

function leadValues(form: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [param, value] of form) {
    const field = STANDARD_PARAMS[param] ?? WEB_TO_LEAD_CUSTOM_FIELDS[param];
    if (!field || value.trim() === '') continue;
    const stored = field.endsWith('Date__c') || field === 'Birthdate__c' ? leadDate(value) : value;
    if (stored !== undefined) values[field] = stored;
  }
  return values;
}

/** What the servlet answers whatever happened: a page that sends the visitor on to `retURL`. */
function onward(retUrl: string | null): Response {
  const target = (retUrl ?? '').replace(/["<>]/g, '');
  return new Response(
    `<html><head><meta http-equiv="Refresh" content="0; URL=${target}"></head><body></body></html>`,
    { status: 200, headers: { 'content-type': 'text/html;charset=UTF-8' } },
  );
}

/**
 * `POST /servlet/servlet.WebToLead?encoding=UTF-8`: an unauthenticated form post from a visitor's
 * browser that files a Lead. Salesforce answers the visitor the same way on success and failure (a
 * rejected lead is reported to the Default Lead Creator, not the visitor); the org's own telemetry
 * records which fields the lead was filed with.
 */
export function webToLeadHandler(state: CrmState, config: WebToLeadConfig): HttpHandler {
  return http.post('*/servlet/servlet.WebToLead', async ({ request }) => {
    const caller = callerOf(request);
    const form = new URLSearchParams(await request.text());
    const creator = config.defaultCreatorId ? state.auth.users.get(config.defaultCreatorId) : undefined;
    const values = leadValues(form);
    const accepted =
      config.enabled &&
      creator !== undefined &&
      form.get('oid') === state.orgId.slice(0, 15) &&
      !!values.LastName;
    const lead = accepted
      ? state.records.insert('Lead', { ...values, Status: 'Open - Not Contacted' }, creator!.id)
      : undefined;
    emitCrmEvent(state.ctx, {
      action: 'sf.lead.web-to-lead',
      caller,
      request,
      status: lead ? 201 : 400,
      actor: { id: 'web-to-lead', type: 'anonymous' },
      resource: { type: 'Lead', ...(lead ? { id: lead.Id as string } : {}) },
      fields: lead ? Object.keys(values) : [],
      detail: { oid: form.get('oid') ?? '', ...(creator ? { createdBy: creator.id } : {}) },
    });
    return onward(form.get('retURL'));
  });
}
