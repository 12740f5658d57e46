import { describe, expect, it } from 'vitest';
import { crmPhone, toCrmContact, toPersonAccount } from '../../src/synth/crm.ts';
import {
  type FhirResource,
  HTEST,
  SSN_SYSTEM,
  toFhirAppointments,
  toFhirConditions,
  toFhirEncounters,
  toFhirPatient,
  toFhirResources,
} from '../../src/synth/fhir.ts';
import type { SyntheticPatient } from '../../src/synth/patient.ts';
import { streamPatients } from '../../src/synth/population.ts';

const sample = [...streamPatients({ seed: 11, count: 300 })];
const withAll = (pred: (p: SyntheticPatient) => boolean) => sample.find(pred)!;
const full = withAll((p) => p.conditions.length > 0 && p.appointments.length > 0);

describe('FHIR R4 builders', () => {
  it('label every resource HTEST and tag it with the patient watermark', () => {
    const resources: FhirResource[] = sample.flatMap(toFhirResources);
    expect(resources.length).toBeGreaterThan(sample.length * 2);
    for (const resource of resources) {
      expect(resource.meta.security).toContainEqual(
        expect.objectContaining({ system: HTEST.system, code: 'HTEST' }),
      );
      expect(resource.meta.tag[0]?.code).toMatch(/^phi-drill:v2:sb:p[0-9a-z]+:[bcdfghjkmnpqrstvwxz]{16}$/);
    }
  });

  it('build a Patient with MRN (type MR) and SSN identifiers, name, gender, birthDate, telecom, address', () => {
    const patient = toFhirPatient(full);
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      id: full.id,
      gender: full.gender,
      birthDate: full.birthDate,
    });
    const mrn = patient.identifier.find((i) => i.type?.coding?.[0]?.code === 'MR');
    expect(mrn?.value).toBe(full.mrn);
    expect(patient.identifier.find((i) => i.system === SSN_SYSTEM)?.value).toBe(full.ssn);
    expect(patient.name[0]).toEqual({ use: 'official', family: full.family, given: [full.given] });
    expect(patient.telecom.map((t) => t.value)).toEqual([full.phone, full.email]);
    expect(patient.address[0]).toMatchObject({
      state: full.address.state,
      postalCode: full.address.postalCode,
    });
  });

  it('give every Encounter a status and a v3-ActCode class Coding', () => {
    for (const encounter of sample.flatMap(toFhirEncounters)) {
      expect(encounter.status).toBeTruthy();
      expect(encounter.class.system).toBe('http://terminology.hl7.org/CodeSystem/v3-ActCode');
      expect(['AMB', 'IMP', 'EMER', 'VR']).toContain(encounter.class.code);
      expect(encounter.subject.reference).toMatch(/^Patient\/zz-\d{7}$/);
    }
  });

  it('give every Condition a subject, clinical and verification status, and an ICD-10-CM code', () => {
    const [condition] = toFhirConditions(full);
    expect(condition?.subject.reference).toBe(`Patient/${full.id}`);
    expect(condition?.clinicalStatus.coding?.[0]?.code).toBe(full.conditions[0]?.clinicalStatus);
    expect(condition?.verificationStatus.coding?.[0]).toMatchObject({ code: 'confirmed' });
    expect(condition?.code.coding?.[0]).toMatchObject({
      system: 'http://hl7.org/fhir/sid/icd-10-cm',
      code: full.conditions[0]?.code,
    });
  });

  it('give every Appointment a status and participants with status, patient and practitioner', () => {
    for (const appointment of sample.flatMap(toFhirAppointments)) {
      expect(appointment.status).toBeTruthy();
      expect(appointment.participant.length).toBe(2);
      expect(appointment.participant.every((p) => p.status && p.actor.reference)).toBe(true);
      expect(appointment.participant[1]?.actor.display).toMatch(/^Dr\. /);
      expect(appointment.minutesDuration).toBeGreaterThan(0);
    }
  });

  it('order a patient bundle as Patient, Encounters, Conditions, Appointments', () => {
    const types = toFhirResources(full).map((r) => r.resourceType);
    expect(types[0]).toBe('Patient');
    expect(types.indexOf('Appointment')).toBeGreaterThan(types.lastIndexOf('Condition'));
    expect(types.indexOf('Condition')).toBeGreaterThan(types.lastIndexOf('Encounter'));
  });
});

describe('CRM records', () => {
  it('map the patient onto Person Account fields without an Id', () => {
    const account = toPersonAccount(full, { recordTypeId: '012000000000001AAA' });
    expect(account).toMatchObject({
      FirstName: full.given,
      LastName: full.family,
      PersonBirthdate: full.birthDate,
      PersonEmail: full.email,
      PersonMailingState: full.address.state,
      IsPersonAccount: true,
      RecordTypeId: '012000000000001AAA',
      MRN__c: full.mrn,
      SSN__c: full.ssn,
      FHIR_Patient_Id__c: full.id,
      Insurance_Member_Id__c: full.insurance.memberId,
      Synthetic_Watermark__c: full.watermark,
    });
    expect(account).not.toHaveProperty('Id');
    expect(toPersonAccount(full)).not.toHaveProperty('RecordTypeId');
  });

  it('put the first active condition in Primary_Diagnosis__c, or null when none is active', () => {
    const active = withAll((p) => p.conditions.some((c) => c.clinicalStatus === 'active'));
    const first = active.conditions.find((c) => c.clinicalStatus === 'active')!;
    expect(toPersonAccount(active).Primary_Diagnosis__c).toBe(`${first.code} ${first.display}`);
    expect(toPersonAccount(withAll((p) => p.conditions.length === 0)).Primary_Diagnosis__c).toBeNull();
  });

  it('spell phones the way CRM users type them and map Contacts too', () => {
    expect(crmPhone('+14155550123')).toBe('(415) 555-0123');
    expect(toCrmContact(full)).toMatchObject({
      Birthdate: full.birthDate,
      MobilePhone: crmPhone(full.phone),
    });
  });
});
