import { expect, it } from 'vitest';
import type { FhirResource } from '../../src/estate/ehr/index.ts';
import { storedAnswer } from '../../src/estate/ehr/stored-answer.ts';
import { setupEhr } from './ehr-fixtures.ts';

it('serialises a stored version once, and answers a read after a write with the new version', async () => {
  const { ehr, token, get, clock } = setupEhr();
  const stored = ehr.state.get('Patient', 'zz-0000002')!;
  expect(storedAnswer(stored)).toBe(storedAnswer(stored));
  const bearer = await token();
  const first = await get('/fhir/R4/Patient/zz-0000002', bearer);
  expect(first.body).toEqual(stored);
  expect(first.response.headers.get('etag')).toBe('W/"1"');
  expect(Number(first.response.headers.get('content-length'))).toBe(
    Buffer.byteLength(JSON.stringify(stored)),
  );

  await clock.sleepUntil(clock.now() + 60_000);
  ehr.state.updatePatient('zz-0000002', { gender: 'unknown', name: [{ family: 'Ñandú', given: ['Zoë'] }] });
  const second = await get('/fhir/R4/Patient/zz-0000002', bearer);
  expect(second.body).toMatchObject({
    gender: 'unknown',
    name: [{ family: 'Ñandú' }],
    meta: { versionId: '2' },
  });
  expect(second.response.headers.get('etag')).toBe('W/"2"');
  expect(second.response.headers.get('last-modified')).not.toBe(first.response.headers.get('last-modified'));
  // Multi-byte names: the length is of the UTF-8 bytes, not of the string.
  const text = JSON.stringify(ehr.state.get('Patient', 'zz-0000002'));
  expect(Number(second.response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
  expect(Buffer.byteLength(text)).toBeGreaterThan(text.length);
});

it('never answers from a kept copy once meta is replaced, nor keeps one for a resource without meta', () => {
  const resource: FhirResource = { resourceType: 'Patient', id: 'p', meta: { versionId: '1' } };
  const kept = storedAnswer(resource);
  resource.meta = { versionId: '2' };
  expect(storedAnswer(resource)).not.toBe(kept);
  expect(storedAnswer(resource).headers.etag).toBe('W/"2"');
  const bare: FhirResource & { gender?: string } = { resourceType: 'Patient', id: 'q' };
  const before = storedAnswer(bare);
  bare.gender = 'female';
  expect(storedAnswer(bare).json).not.toBe(before.json);
});
