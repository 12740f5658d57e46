import { findPhi } from '../synth/find-phi.ts';

/** Query parameters that only ever carry identifiers, FHIR search style (`name=`, `birthdate=`, `identifier=`). */
const PHI_PARAMS = new Set([
  'name',
  'given',
  'family',
  'birthdate',
  'birth_date',
  'dob',
  'identifier',
  'mrn',
  'ssn',
  'email',
  'phone',
  'telecom',
]);

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * What identifies a person in a URL (a request target, a Referer, an analytics hit): identifier-named
 * query parameters with a value, and PHI-shaped values anywhere (findPhi). A parameter that holds a
 * whole page address (an analytics hit's `dl=`) is read as a URL in turn. Returns sorted labels such as
 * `dob`, `mrn`, `param:name`; none for a clean URL.
 */
export function phiInUrl(url: string): string[] {
  const found = new Set<string>();
  const at = url.indexOf('?');
  if (at >= 0) {
    for (const [key, value] of new URLSearchParams(url.slice(at + 1))) {
      if (PHI_PARAMS.has(key.toLowerCase()) && value.trim() !== '') found.add(`param:${key.toLowerCase()}`);
      if (/^https?:\/\//i.test(value)) for (const label of phiInUrl(value)) found.add(label);
    }
  }
  for (const match of findPhi(decode(url))) found.add(match.kind);
  return [...found].sort();
}
