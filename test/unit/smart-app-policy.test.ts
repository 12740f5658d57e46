import { describe, expect, it } from 'vitest';
import { SMART_APP_POLICY, scopeFindings } from '../../src/controls/smart-app-policy.ts';

const reminders = SMART_APP_POLICY['appointment-reminders']!;

describe('SMART app scope policy', () => {
  it('finds nothing in a grant within the approved scopes, including a narrower one', () => {
    expect(scopeFindings(['patient/Appointment.rs'], reminders)).toEqual([]);
    expect(scopeFindings(['patient/Appointment.r'], reminders)).toEqual([]);
  });

  it('names every over-broad trait of user/*.cruds offline_access for a read-only patient app', () => {
    expect(scopeFindings(['user/*.cruds', 'offline_access'], reminders)).toEqual([
      'user/*.cruds not approved',
      'wildcard resource type in user/*.cruds',
      'write verbs (cud) for a read-only app',
      'user/ context where patient/ would do',
      'offline_access (a refresh token that outlives the session)',
    ]);
  });

  it('flags a missing narrowing only where the approval narrows', () => {
    const labs = {
      approved: ['patient/Observation.rs?category=laboratory'],
      purpose: 'labs',
      rowsPerHour: 10,
    };
    expect(scopeFindings(['patient/Observation.rs?category=laboratory'], labs)).toEqual([]);
    expect(scopeFindings(['patient/Observation.rs'], labs)).toEqual([
      'patient/Observation.rs not approved',
      'patient/Observation.rs has no search narrowing',
    ]);
  });

  it('does not call a scope of an app approved to write a write-verb finding', () => {
    const writer = { approved: ['system/Patient.cruds'], purpose: 'sync', rowsPerHour: 10 };
    expect(scopeFindings(['system/Encounter.cu'], writer)).toEqual(['system/Encounter.cu not approved']);
  });
});
