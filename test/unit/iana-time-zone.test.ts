import { expect, it } from 'vitest';
import { ianaTimeZone } from '../../src/scenario/fields.ts';

it('accepts canonical zones and their aliases, and refuses anything else', () => {
  for (const zone of ['America/New_York', 'Europe/Berlin', 'UTC', 'US/Eastern', 'Asia/Calcutta']) {
    expect(ianaTimeZone.safeParse(zone).success, zone).toBe(true);
  }
  for (const zone of ['America/Gotham', 'EST5EDT/Nowhere', '']) {
    expect(ianaTimeZone.safeParse(zone).success, zone).toBe(false);
  }
});
