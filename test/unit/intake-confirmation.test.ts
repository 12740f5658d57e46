import { describe, expect, it } from 'vitest';
import { parseConfirmation } from '../../src/controls/intakes/confirmation.ts';

const NOW = Date.parse('2026-03-02T13:00:00Z');
const MINUTE = 60_000;

describe('parseConfirmation', () => {
  it('defaults to now and the facilitator', () => {
    expect(parseConfirmation('confirm privacy-officer-briefed', NOW)).toEqual({
      ok: true,
      confirmation: { kind: 'manual', expectationId: 'privacy-officer-briefed', at: NOW, by: 'facilitator' },
    });
  });

  it('reads relative and ISO times, multi-word names and a note that keeps its spacing', () => {
    expect(parseConfirmation('confirm kiosk-cleared at -15m by Dana Reyes note wiped  by hand', NOW)).toEqual(
      {
        ok: true,
        confirmation: {
          kind: 'manual',
          expectationId: 'kiosk-cleared',
          at: NOW - 15 * MINUTE,
          by: 'Dana Reyes',
          note: 'wiped  by hand',
        },
      },
    );
    const later = parseConfirmation('  CONFIRM kiosk-cleared by Sam at +1h30m ', NOW);
    expect(later).toMatchObject({ ok: true, confirmation: { at: NOW + 90 * MINUTE, by: 'Sam' } });
    const iso = parseConfirmation('confirm kiosk-cleared at 2026-03-02T08:30:00-05:00', NOW);
    expect(iso).toMatchObject({ ok: true, confirmation: { at: NOW + 30 * MINUTE } });
  });

  it.each([
    ['', 'empty line'],
    ['confirmed x', 'unknown command "confirmed"'],
    ['confirm', 'which expectation? give its id after "confirm"'],
    ['confirm Kiosk_Cleared', '"Kiosk_Cleared" is not an expectation id (kebab-case)'],
    ['confirm kiosk-cleared at', '"at " is not a time: use an ISO time with offset, or +30m / -15m'],
    [
      'confirm kiosk-cleared at 2026-03-02T08:30:00',
      '"at 2026-03-02T08:30:00" is not a time: use an ISO time with offset, or +30m / -15m',
    ],
    [
      'confirm kiosk-cleared at +soon',
      '"at +soon" is not a time: use an ISO time with offset, or +30m / -15m',
    ],
    ['confirm kiosk-cleared by', '"by" needs a name'],
    ['confirm kiosk-cleared by note hi', '"by" needs a name'],
    ['confirm kiosk-cleared note   ', '"note" needs some text'],
    ['confirm kiosk-cleared at -5m at -6m', '"at" given twice'],
    ['confirm kiosk-cleared quickly', 'unexpected "quickly"; expected at, by or note'],
  ])('refuses %j', (line, error) => {
    expect(parseConfirmation(line, NOW)).toEqual({ ok: false, error });
  });
});
