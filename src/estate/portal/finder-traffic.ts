import type { Stream } from '../background/traffic.ts';
import type { Estate } from '../estate.ts';
import { findAppointment } from './browser.ts';

const HOME_BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15';

/** Patients at home looking up their next appointment without signing in; the analytics tag sees each page. */
export function finderStreams(estate: Estate): Stream[] {
  return [
    {
      label: 'patient appointment finder',
      perHour: { business: 4, other: 1 },
      async act(random) {
        const patient = estate.population.patient(Math.floor(random() * estate.population.count));
        const device = {
          'x-forwarded-for': `203.0.113.${1 + Math.floor(random() * 250)}`,
          'user-agent': HOME_BROWSER,
        };
        await findAppointment(estate.fetch, device, {
          name: `${patient.given} ${patient.family}`,
          dob: patient.birthDate,
          mrn: patient.mrn,
        });
      },
    },
  ];
}
