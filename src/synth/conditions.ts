/**
 * Categories that carry extra legal weight beyond ordinary PHI (42 CFR Part 2 for substance use,
 * state HIV and mental-health confidentiality laws, reproductive-health privacy rules), so drills
 * can grade a leak by what it exposed.
 */
export type SensitiveCategory = 'mental-health' | 'hiv' | 'substance-use' | 'reproductive' | 'sexual-health';

export interface ConditionEntry {
  /** ICD-10-CM code. */
  code: string;
  display: string;
  sensitive?: SensitiveCategory;
  /** Acute conditions are usually resolved by the time the record is read. */
  acute?: boolean;
  /** Only makes sense with an onset in the last months (an ongoing pregnancy). */
  recent?: boolean;
  sex?: 'female';
  minAge?: number;
  maxAge?: number;
}

export const CONDITIONS: readonly ConditionEntry[] = [
  { code: 'I10', display: 'Essential (primary) hypertension', minAge: 18 },
  { code: 'E11.9', display: 'Type 2 diabetes mellitus without complications', minAge: 10 },
  { code: 'R73.03', display: 'Prediabetes', minAge: 10 },
  { code: 'E78.5', display: 'Hyperlipidemia, unspecified', minAge: 18 },
  { code: 'E66.9', display: 'Obesity, unspecified', minAge: 2 },
  { code: 'E03.9', display: 'Hypothyroidism, unspecified' },
  { code: 'J45.909', display: 'Unspecified asthma, uncomplicated' },
  { code: 'J44.9', display: 'Chronic obstructive pulmonary disease, unspecified', minAge: 40 },
  { code: 'J06.9', display: 'Acute upper respiratory infection, unspecified', acute: true },
  {
    code: 'I25.10',
    display: 'Atherosclerotic heart disease of native coronary artery without angina pectoris',
    minAge: 40,
  },
  { code: 'I48.91', display: 'Unspecified atrial fibrillation', minAge: 40 },
  { code: 'N18.30', display: 'Chronic kidney disease, stage 3 unspecified', minAge: 30 },
  { code: 'K21.9', display: 'Gastro-esophageal reflux disease without esophagitis' },
  { code: 'M54.50', display: 'Low back pain, unspecified', minAge: 12, acute: true },
  { code: 'M17.9', display: 'Osteoarthritis of knee, unspecified', minAge: 40 },
  {
    code: 'G43.909',
    display: 'Migraine, unspecified, not intractable, without status migrainosus',
    minAge: 6,
  },
  { code: 'G47.33', display: 'Obstructive sleep apnea (adult) (pediatric)' },
  {
    code: 'C50.919',
    display: 'Malignant neoplasm of unspecified site of unspecified female breast',
    sex: 'female',
    minAge: 30,
  },
  {
    code: 'F32.9',
    display: 'Major depressive disorder, single episode, unspecified',
    sensitive: 'mental-health',
    minAge: 12,
  },
  { code: 'F41.1', display: 'Generalized anxiety disorder', sensitive: 'mental-health', minAge: 8 },
  {
    code: 'F43.10',
    display: 'Post-traumatic stress disorder, unspecified',
    sensitive: 'mental-health',
    minAge: 6,
  },
  { code: 'F31.9', display: 'Bipolar disorder, unspecified', sensitive: 'mental-health', minAge: 15 },
  {
    code: 'F90.0',
    display: 'Attention-deficit hyperactivity disorder, predominantly inattentive type',
    sensitive: 'mental-health',
    minAge: 5,
  },
  { code: 'B20', display: 'Human immunodeficiency virus [HIV] disease', sensitive: 'hiv', minAge: 15 },
  { code: 'B18.2', display: 'Chronic viral hepatitis C', sensitive: 'sexual-health', minAge: 18 },
  {
    code: 'A54.9',
    display: 'Gonococcal infection, unspecified',
    sensitive: 'sexual-health',
    acute: true,
    minAge: 15,
  },
  { code: 'F10.20', display: 'Alcohol dependence, uncomplicated', sensitive: 'substance-use', minAge: 16 },
  { code: 'F11.20', display: 'Opioid dependence, uncomplicated', sensitive: 'substance-use', minAge: 16 },
  {
    code: 'F17.210',
    display: 'Nicotine dependence, cigarettes, uncomplicated',
    sensitive: 'substance-use',
    minAge: 16,
  },
  {
    code: 'Z34.90',
    display: 'Encounter for supervision of normal pregnancy, unspecified, unspecified trimester',
    sensitive: 'reproductive',
    sex: 'female',
    minAge: 16,
    maxAge: 45,
    recent: true,
  },
  {
    code: 'Z30.011',
    display: 'Encounter for initial prescription of contraceptive pills',
    sensitive: 'reproductive',
    sex: 'female',
    minAge: 15,
    maxAge: 50,
    acute: true,
  },
];

const BY_CODE = new Map(CONDITIONS.map((entry) => [entry.code, entry]));

export function conditionEntry(code: string): ConditionEntry | undefined {
  return BY_CODE.get(code);
}

export function eligibleConditions(sex: string, age: number): ConditionEntry[] {
  return CONDITIONS.filter(
    (entry) =>
      (entry.sex === undefined || entry.sex === sex) &&
      age >= (entry.minAge ?? 0) &&
      age <= (entry.maxAge ?? Number.POSITIVE_INFINITY),
  );
}

/** Visit reasons for encounters not tied to a listed condition. */
export const ROUTINE_REASONS: readonly string[] = [
  'Annual wellness visit',
  'Follow-up visit',
  'Medication review',
  'Vaccination',
  'Laboratory results review',
  'Acute visit: fever',
  'Acute visit: minor injury',
  'Pre-operative assessment',
];
