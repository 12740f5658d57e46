import type { Estate } from '../estate/estate.ts';
import { patientIndexOf } from '../synth/patient-ids.ts';
import type { PeopleLookup } from './incident-facts.ts';

/** State of residence and current CRM e-mail of the estate's synthetic patients. */
export function peopleOf(estate: Estate): PeopleLookup {
  return {
    stateOf: (id) => {
      const index = patientIndexOf(id);
      return index === undefined ? undefined : estate.population.patient(index).address.state;
    },
    currentEmail: (id) => estate.mail.currentContactEmail(id),
  };
}
