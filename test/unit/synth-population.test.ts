import { describe, expect, it } from 'vitest';
import { CONDITIONS } from '../../src/synth/conditions.ts';
import {
  assertSyntheticPatient,
  isSyntheticEmail,
  isSyntheticMemberId,
  isSyntheticMrn,
  isSyntheticPhone,
  isSyntheticSsn,
} from '../../src/synth/identifiers.ts';
import type { SyntheticPatient } from '../../src/synth/patient.ts';
import { patientAt, streamPatients, verifyWatermark } from '../../src/synth/population.ts';
import { PRACTITIONERS } from '../../src/synth/practitioners.ts';
import { liveHeap } from '../support/gc.ts';

const population = [...streamPatients({ seed: 42, count: 5000 })];

function localHour(iso: string): number {
  return Number(iso.slice(11, 13)) + Number(iso.slice(14, 16)) / 60;
}

describe('patientAt', () => {
  it('returns the same record for the same seed and index, in any order', () => {
    const later = patientAt(42, 4321);
    patientAt(7, 1);
    expect(patientAt(42, 4321)).toEqual(later);
    expect(JSON.stringify(patientAt(42, 4321))).toBe(JSON.stringify(population[4321]));
  });

  it('equals the i-th item of the stream, also from an offset start', () => {
    const fromOffset = [...streamPatients({ seed: 42, count: 3, start: 100 })];
    expect(fromOffset).toEqual([patientAt(42, 100), patientAt(42, 101), patientAt(42, 102)]);
    expect(fromOffset[0]).toEqual(population[100]);
  });

  it('gives different people for different seeds', () => {
    const a = patientAt(1, 0);
    const b = patientAt(2, 0);
    expect(a.id).toBe(b.id);
    expect([a.given, a.family, a.birthDate, a.ssn]).not.toEqual([b.given, b.family, b.birthDate, b.ssn]);
  });

  it('derives ids from the index', () => {
    const p = patientAt(3, 123);
    expect(p.id).toBe('zz-0000123');
    expect(p.mrn).toBe('ZZTEST-00000123');
    for (const [i, e] of p.encounters.entries()) expect(e.id).toBe(`zz-0000123-enc-${i + 1}`);
  });

  it('rejects seeds and indexes outside the supported range', () => {
    expect(() => patientAt(-1, 0)).toThrow(RangeError);
    expect(() => patientAt(1.5, 0)).toThrow(RangeError);
    expect(() => patientAt(1, 10_000_000)).toThrow(RangeError);
    expect(() => streamPatients({ seed: 1, count: 2, start: 9_999_999 })).toThrow(RangeError);
  });
});

describe('a population of 5,000', () => {
  it('has only guaranteed-fake identifiers', () => {
    const bad = (p: SyntheticPatient) =>
      !isSyntheticSsn(p.ssn) ||
      !isSyntheticPhone(p.phone) ||
      !isSyntheticEmail(p.email) ||
      !isSyntheticMrn(p.mrn) ||
      !isSyntheticMemberId(p.insurance.memberId);
    expect(population.filter(bad).map((p) => p.id)).toEqual([]);
    for (const p of population) assertSyntheticPatient(p);
  });

  it('has unique patient ids, MRNs and watermarks that verify', () => {
    expect(new Set(population.map((p) => p.mrn)).size).toBe(population.length);
    expect(population.every(verifyWatermark)).toBe(true);
  });

  it('weights the breach-law states so each shows up often', () => {
    const counts = new Map<string, number>();
    for (const p of population) counts.set(p.address.state, (counts.get(p.address.state) ?? 0) + 1);
    for (const state of ['CA', 'NY', 'TX', 'FL', 'WA', 'CO'])
      expect(counts.get(state) ?? 0).toBeGreaterThan(150);
    expect(counts.get('CA')!).toBeGreaterThan(counts.get('TN') ?? 0);
    expect(population.every((p) => /^\d{5}$/.test(p.address.postalCode))).toBe(true);
  });

  it('uses every sensitive condition and keeps 0-3 conditions, 1-4 encounters, 0-3 appointments', () => {
    const codes = new Set(population.flatMap((p) => p.conditions.map((c) => c.code)));
    for (const code of ['F32.9', 'B20', 'F10.20', 'Z34.90']) expect(codes).toContain(code);
    expect(codes.size).toBe(CONDITIONS.length);
    for (const p of population) {
      expect(p.conditions.length).toBeLessThanOrEqual(3);
      expect(p.encounters.length).toBeGreaterThanOrEqual(1);
      expect(p.encounters.length).toBeLessThanOrEqual(4);
      expect(p.appointments.length).toBeLessThanOrEqual(3);
    }
  });

  it('books future appointments during weekday clinic hours with a roster practitioner', () => {
    const appointments = population.flatMap((p) => p.appointments);
    const future = appointments.filter((a) => a.start.slice(0, 10) >= '2026-03-01');
    expect(future.length).toBeGreaterThan(500);
    expect(future.every((a) => a.status === 'booked')).toBe(true);
    for (const a of appointments) {
      expect(localHour(a.start)).toBeGreaterThanOrEqual(8);
      expect(localHour(a.end)).toBeLessThanOrEqual(17);
      expect([1, 2, 3, 4, 5]).toContain(new Date(`${a.start.slice(0, 10)}T12:00:00Z`).getUTCDay());
      expect(PRACTITIONERS.map((pr) => pr.id)).toContain(a.practitioner);
    }
  });

  it('ends every encounter before 2026-03-01 and never before birth', () => {
    for (const p of population) {
      for (const e of p.encounters) {
        expect(e.end < e.start).toBe(false);
        expect(e.start.slice(0, 10) < '2026-03-01').toBe(true);
        expect(e.start.slice(0, 10) >= p.birthDate).toBe(true);
      }
    }
  });

  it('shows daylight saving time in local offsets', () => {
    const ca = population.find((p) => p.address.state === 'CA' && p.encounters.length > 1)!;
    const offsets = population
      .filter((p) => p.address.state === 'CA')
      .flatMap((p) => p.encounters.map((e) => e.start.slice(-6)));
    expect(ca).toBeDefined();
    expect(new Set(offsets)).toEqual(new Set(['-08:00', '-07:00']));
  });
});

describe('watermark', () => {
  it('fails when an identifier is edited or the index does not match', () => {
    const p = patientAt(5, 9);
    expect(verifyWatermark(p)).toBe(true);
    expect(verifyWatermark({ ...p, ssn: '666-00-0001' })).toBe(false);
    expect(verifyWatermark({ ...p, index: 10 })).toBe(false);
    expect(verifyWatermark({ ...p, watermark: 'phi-drill:v2:s5:p9:nothex' })).toBe(false);
  });
});

describe('streamPatients', () => {
  it('is lazy: a ten-million-patient stream yields its first records without making the rest', () => {
    const before = liveHeap();
    const stream = streamPatients({ seed: 1, count: 9_999_999 });
    expect(stream.next().value?.id).toBe('zz-0000000');
    expect(stream.next().value?.id).toBe('zz-0000001');
    // Ten million patients made up front would take gigabytes.
    expect(liveHeap() - before).toBeLessThan(8 * 1024 * 1024);
  });

  it('does not hold the population: the heap mid-stream stays flat over 50,000 patients', () => {
    const before = liveHeap();
    let midStream = 0;
    for (const p of streamPatients({ seed: 9, count: 50_000 })) {
      if (p.index === 40_000) midStream = liveHeap();
    }
    // 40,000 retained patients would take well over 50 MB.
    expect(midStream - before).toBeLessThan(8 * 1024 * 1024);
  });
});
