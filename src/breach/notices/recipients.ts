import type { FieldValue } from '../../estate/crm/index.ts';

export interface MailingAddress {
  street: string;
  city: string;
  state: string;
  postalCode: string;
}

/** One person on the notice list, with the contact details the list was built with. */
export interface IntendedRecipient {
  patientId: string;
  email?: string;
  address?: MailingAddress;
}

/** A CRM Person Account as `crm.state.records.list('Account')` returns it. */
export type CrmAccount = Readonly<Record<string, FieldValue>>;

export interface CurrentContact {
  email?: string;
  address?: MailingAddress;
}

export interface Deliverable {
  patientId: string;
  /** E-mail only when the list holds the current address (the individual agreed to e-mail, 164.404(d)(1)(i)). */
  channel: 'email' | 'first-class-mail';
  email?: string;
  address?: MailingAddress;
}

export interface Stale {
  patientId: string;
  /** Which of the list's details differ from the CRM's current ones. */
  changed: Array<'email' | 'address'>;
  current: CurrentContact;
  /** First-class mail to the current address when the CRM has one; otherwise substitute notice. */
  route: 'first-class-mail' | 'substitute-notice';
}

export interface Missing {
  patientId: string;
  reason: string;
}

export interface SubstituteRule {
  count: number;
  method: 'none' | 'alternative-written-or-telephone' | 'web-posting-or-major-media';
  /** What satisfies the method. */
  options: string[];
  /** Days the home-page posting and the toll-free number must stay up (0 when not required). */
  postingDays: number;
  tollFreeDays: number;
  basis: string;
}

export interface Reconciliation {
  deliverable: Deliverable[];
  stale: Stale[];
  missing: Missing[];
  /** Everyone who can only be reached by substitute notice, and how (164.404(d)(2)). */
  substitute: SubstituteRule;
}

const text = (value: FieldValue | undefined) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function currentContact(account: CrmAccount): CurrentContact {
  const email = text(account.PersonEmail);
  const [street, city, state, postalCode] = [
    account.PersonMailingStreet,
    account.PersonMailingCity,
    account.PersonMailingState,
    account.PersonMailingPostalCode,
  ].map(text);
  // A letter needs every line; a partial address is as good as none.
  const address = street && city && state && postalCode ? { street, city, state, postalCode } : undefined;
  return { ...(email ? { email } : {}), ...(address ? { address } : {}) };
}

const fold = (value: string) => value.toLowerCase().replace(/[.,#]/g, ' ').replace(/\s+/g, ' ').trim();

function sameAddress(a: MailingAddress, b: MailingAddress): boolean {
  return (
    fold(a.street) === fold(b.street) &&
    fold(a.city) === fold(b.city) &&
    fold(a.state) === fold(b.state) &&
    // ZIP+4 and ZIP name the same delivery area.
    a.postalCode.trim().slice(0, 5) === b.postalCode.trim().slice(0, 5)
  );
}

/**
 * Compares the notice list with the contact details the CRM holds now. A list copied earlier goes
 * stale as patients move or change e-mail; sending to it would disclose the notice (and the fact of
 * the breach) to whoever holds the old address.
 */
export function reconcileRecipients(
  intended: readonly IntendedRecipient[],
  crmAccounts: readonly CrmAccount[],
): Reconciliation {
  const byPatient = new Map<string, CrmAccount>();
  for (const account of crmAccounts) {
    const patientId = text(account.FHIR_Patient_Id__c);
    if (patientId && account.IsDeleted !== true) byPatient.set(patientId, account);
  }
  const result: Omit<Reconciliation, 'substitute'> = { deliverable: [], stale: [], missing: [] };
  const seen = new Set<string>();
  for (const person of intended) {
    if (seen.has(person.patientId)) continue;
    seen.add(person.patientId);
    const account = byPatient.get(person.patientId);
    if (!account) {
      result.missing.push({ patientId: person.patientId, reason: 'no CRM account for this patient' });
      continue;
    }
    const current = currentContact(account);
    if (!current.email && !current.address) {
      result.missing.push({
        patientId: person.patientId,
        reason: 'the CRM holds no e-mail or complete mailing address',
      });
      continue;
    }
    const emailOk =
      person.email !== undefined && current.email?.toLowerCase() === person.email.trim().toLowerCase();
    const addressOk =
      person.address !== undefined &&
      current.address !== undefined &&
      sameAddress(person.address, current.address);
    if (emailOk) {
      result.deliverable.push({ patientId: person.patientId, channel: 'email', email: current.email! });
    } else if (addressOk) {
      result.deliverable.push({
        patientId: person.patientId,
        channel: 'first-class-mail',
        address: current.address!,
      });
    } else {
      const changed: Stale['changed'] = [];
      if (person.email !== undefined || current.email !== undefined) changed.push('email');
      if (person.address !== undefined || current.address !== undefined) changed.push('address');
      const route = current.address ? 'first-class-mail' : 'substitute-notice';
      result.stale.push({ patientId: person.patientId, changed, current, route });
    }
  }
  const substituteCount =
    result.missing.length + result.stale.filter((entry) => entry.route === 'substitute-notice').length;
  return { ...result, substitute: substituteNoticeRule(substituteCount) };
}

/** How substitute notice must be given to `count` people whose contact information is insufficient or out of date. */
export function substituteNoticeRule(count: number): SubstituteRule {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (count === 0) {
    return {
      count,
      method: 'none',
      options: [],
      postingDays: 0,
      tollFreeDays: 0,
      basis: '45 CFR 164.404(d)(2)',
    };
  }
  if (count < 10) {
    return {
      count,
      method: 'alternative-written-or-telephone',
      options: ['an alternative form of written notice', 'telephone', 'other means'],
      postingDays: 0,
      tollFreeDays: 0,
      basis: '45 CFR 164.404(d)(2)(i)',
    };
  }
  return {
    count,
    method: 'web-posting-or-major-media',
    options: [
      'a conspicuous posting on the home page of the website for 90 days',
      'a conspicuous notice in major print or broadcast media where the individuals likely reside',
    ],
    postingDays: 90,
    tollFreeDays: 90,
    basis: '45 CFR 164.404(d)(2)(ii)',
  };
}
