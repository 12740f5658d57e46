import type { Faker } from '@faker-js/faker';
import { eligibleConditions, ROUTINE_REASONS } from './conditions.ts';
import { dayNumber, localIso, weekday } from './local-time.ts';
import type { SyntheticAppointment, SyntheticCondition, SyntheticEncounter } from './patient.ts';
import { PRACTITIONERS } from './practitioners.ts';
import type { StateProfile } from './states.ts';
import { REFERENCE_DATE, SCHEDULE_DATE } from './synth-faker.ts';

const REFERENCE_DAY = dayNumber(REFERENCE_DATE.slice(0, 10));
const SCHEDULE_DAY = dayNumber(SCHEDULE_DATE);
const ENCOUNTERS_FROM = dayNumber('2024-01-01');
const LAST_ENCOUNTER_DAY = SCHEDULE_DAY - 2;
const APPOINTMENTS_FROM = dayNumber('2025-09-01');
const APPOINTMENTS_TO = dayNumber('2026-06-30');
const CLINIC_OPENS = 8 * 60;
const CLINIC_CLOSES = 17 * 60;

const COUNT_0_TO_3 = [
  { weight: 30, value: 0 },
  { weight: 35, value: 1 },
  { weight: 22, value: 2 },
  { weight: 13, value: 3 },
];
const ENCOUNTER_CLASSES = [
  { weight: 70, value: 'AMB' as const },
  { weight: 12, value: 'VR' as const },
  { weight: 10, value: 'EMER' as const },
  { weight: 8, value: 'IMP' as const },
];
const PAST_APPOINTMENT_STATUS = [
  { weight: 80, value: 'fulfilled' as const },
  { weight: 10, value: 'cancelled' as const },
  { weight: 10, value: 'noshow' as const },
];

export interface PatientFrame {
  id: string;
  sex: 'female' | 'male';
  birthDay: number;
  state: StateProfile;
}

export interface ClinicalHistory {
  conditions: SyntheticCondition[];
  encounters: SyntheticEncounter[];
  appointments: SyntheticAppointment[];
}

/** Saturday and Sunday move to the following Monday: the clinic only books weekdays. */
function nextWeekday(day: number): number {
  const dow = weekday(day);
  return dow === 6 ? day + 2 : dow === 0 ? day + 1 : day;
}

/** A 15-minute slot inside clinic hours that leaves room for `minutes`. */
function clinicSlot(faker: Faker, minutes: number): number {
  const slots = (CLINIC_CLOSES - CLINIC_OPENS - minutes) / 15;
  return CLINIC_OPENS + faker.number.int(slots) * 15;
}

function conditionsFor(faker: Faker, frame: PatientFrame): SyntheticCondition[] {
  const age = Math.floor((REFERENCE_DAY - frame.birthDay) / 365.25);
  const eligible = eligibleConditions(frame.sex, age);
  const count = Math.min(faker.helpers.weightedArrayElement(COUNT_0_TO_3), eligible.length);
  return faker.helpers.arrayElements(eligible, count).map((entry, i) => {
    const earliest = Math.min(frame.birthDay + Math.round((entry.minAge ?? 0) * 365.25), REFERENCE_DAY - 1);
    const from = entry.recent ? REFERENCE_DAY - 250 : entry.acute ? REFERENCE_DAY - 700 : earliest;
    const onset = faker.number.int({ min: Math.max(from, frame.birthDay), max: REFERENCE_DAY - 1 });
    const resolved = faker.datatype.boolean({ probability: entry.acute ? 0.85 : 0.08 });
    return {
      id: `${frame.id}-cond-${i + 1}`,
      code: entry.code,
      display: entry.display,
      onset: localIso(frame.state, onset, 0).slice(0, 10),
      clinicalStatus: resolved ? ('resolved' as const) : ('active' as const),
    };
  });
}

function visitReason(faker: Faker, conditions: SyntheticCondition[]): string {
  if (conditions.length > 0 && faker.datatype.boolean({ probability: 0.6 })) {
    return faker.helpers.arrayElement(conditions).display;
  }
  return faker.helpers.arrayElement(ROUTINE_REASONS);
}

function encountersFor(
  faker: Faker,
  frame: PatientFrame,
  conditions: SyntheticCondition[],
): SyntheticEncounter[] {
  const count = faker.number.int({ min: 1, max: 4 });
  const drafts = Array.from({ length: count }, () => {
    const cls = faker.helpers.weightedArrayElement(ENCOUNTER_CLASSES);
    const first = Math.min(Math.max(ENCOUNTERS_FROM, frame.birthDay), LAST_ENCOUNTER_DAY);
    let day = faker.number.int({ min: first, max: LAST_ENCOUNTER_DAY });
    let start: number;
    let minutes: number;
    if (cls === 'AMB' || cls === 'VR') {
      day = nextWeekday(day);
      minutes = faker.helpers.arrayElement(cls === 'VR' ? [15, 20, 30] : [15, 30, 45, 60]);
      start = clinicSlot(faker, minutes);
    } else {
      start = faker.number.int(1439);
      minutes =
        cls === 'EMER'
          ? faker.number.int({ min: 90, max: 480 })
          : faker.number.int({ min: 1, max: 6 }) * 1440;
    }
    return { cls, day, start, minutes, reason: visitReason(faker, conditions) };
  });
  drafts.sort((a, b) => a.day - b.day || a.start - b.start);
  return drafts.map((draft, i) => ({
    id: `${frame.id}-enc-${i + 1}`,
    class: draft.cls,
    status: 'finished' as const,
    start: localIso(frame.state, draft.day, draft.start),
    end: localIso(frame.state, draft.day, draft.start + draft.minutes),
    reason: draft.reason,
  }));
}

function appointmentsFor(faker: Faker, frame: PatientFrame, conditions: SyntheticCondition[]) {
  const count = faker.helpers.weightedArrayElement(COUNT_0_TO_3);
  const drafts = Array.from({ length: count }, () => {
    const day = nextWeekday(faker.number.int({ min: APPOINTMENTS_FROM, max: APPOINTMENTS_TO }));
    const minutes = faker.helpers.arrayElement([15, 20, 30, 45]);
    const start = clinicSlot(faker, minutes);
    const status =
      day >= SCHEDULE_DAY ? ('booked' as const) : faker.helpers.weightedArrayElement(PAST_APPOINTMENT_STATUS);
    const practitioner = faker.helpers.arrayElement(PRACTITIONERS).id;
    return { day, start, minutes, status, practitioner, description: visitReason(faker, conditions) };
  });
  drafts.sort((a, b) => a.day - b.day || a.start - b.start);
  return drafts.map(
    (draft, i): SyntheticAppointment => ({
      id: `${frame.id}-appt-${i + 1}`,
      status: draft.status,
      start: localIso(frame.state, draft.day, draft.start),
      end: localIso(frame.state, draft.day, draft.start + draft.minutes),
      description: draft.description,
      practitioner: draft.practitioner,
    }),
  );
}

/** Conditions, then encounters, then appointments: the draw order is part of the seed's meaning. */
export function clinicalHistory(faker: Faker, frame: PatientFrame): ClinicalHistory {
  const conditions = conditionsFor(faker, frame);
  const encounters = encountersFor(faker, frame, conditions);
  const appointments = appointmentsFor(faker, frame, conditions);
  return { conditions, encounters, appointments };
}
