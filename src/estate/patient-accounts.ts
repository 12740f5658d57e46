import { toPersonAccount } from '../synth/crm.ts';
import { syntheticMrn } from '../synth/identifiers.ts';
import type { SyntheticPatient } from '../synth/patient.ts';
import { patientIdAt, patientIndexOf } from '../synth/patient-ids.ts';
import type { AccountLoad } from './crm/loaded-accounts.ts';

/** A Person Account as an integration writes it: IsPersonAccount is set by the record type, not writable. */
export function accountFields(patient: SyntheticPatient): Record<string, string | number | boolean | null> {
  const { IsPersonAccount: _derived, ...fields } = toPersonAccount(patient);
  return fields;
}

/**
 * The population as the CRM is loaded with it, one person account per patient at the patient's
 * index (loaded-accounts.ts). MRNs and FHIR ids are the index, zero-padded, so a value names its
 * account and the loaded values ascend with it; no loaded account has a record type.
 */
export function patientAccountLoad(population: {
  readonly count: number;
  patient(index: number): SyntheticPatient;
}): AccountLoad {
  const { count } = population;
  const within = (index: number | undefined) =>
    index !== undefined && Number.isInteger(index) && index >= 0 && index < count ? index : undefined;
  return {
    count,
    fieldsAt: (index) => accountFields(population.patient(index)),
    positionOf(field, value) {
      // As SOQL compares external ids: case-insensitively.
      if (field === 'MRN__c') return within(Number(value.slice(value.indexOf('-') + 1)));
      if (field === 'FHIR_Patient_Id__c') return within(patientIndexOf(value.toLowerCase()));
      if (field === 'RecordTypeId') return undefined;
      return 'any';
    },
    ascendingValueAt(field, index) {
      if (field === 'MRN__c') return syntheticMrn(index);
      if (field === 'FHIR_Patient_Id__c') return patientIdAt(index);
      return undefined;
    },
  };
}
