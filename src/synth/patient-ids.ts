/**
 * Patient ids on their own, without the generator behind them: detectors, breach assessment and
 * outcome records map ids to population indexes, and loading them must not load faker.
 */

/** The FHIR Patient.id of a population index. */
export function patientIdAt(index: number): string {
  return `zz-${String(index).padStart(7, '0')}`;
}

/** The population index behind a patient id; undefined for ids that are not synthetic patients. */
export function patientIndexOf(id: string): number | undefined {
  const match = /^zz-(\d{7})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}
