import { describe, expect, it } from 'vitest';
import {
  assertSyntheticPatient,
  documentationIp,
  hasCardLikeNumber,
  isDocumentationIp,
  isSyntheticEmail,
  isSyntheticMemberId,
  isSyntheticMrn,
  isSyntheticPhone,
  isSyntheticSsn,
  isSyntheticWatermark,
  isWorkstationIp,
  NonSyntheticRecordError,
  syntheticEmail,
  syntheticMrn,
  syntheticPhone,
  syntheticSsn,
  workstationIp,
} from '../../src/synth/identifiers.ts';
import { patientAt } from '../../src/synth/population.ts';

describe('synthetic identifier predicates', () => {
  it('accept SSNs only from never-issued areas 000 and 666', () => {
    expect(isSyntheticSsn('000-12-3456')).toBe(true);
    expect(isSyntheticSsn('666-01-0001')).toBe(true);
    expect(isSyntheticSsn('123-45-6789')).toBe(false);
    expect(isSyntheticSsn('900-70-1234')).toBe(false);
    expect(isSyntheticSsn('987-65-4320')).toBe(false);
    expect(isSyntheticSsn('666123456')).toBe(false);
  });

  it('accept only NANP 555-0100..0199 fiction numbers, in E.164 or display spelling', () => {
    expect(isSyntheticPhone('+14155550123')).toBe(true);
    expect(isSyntheticPhone('(415) 555-0199')).toBe(true);
    expect(isSyntheticPhone('415-555-0100')).toBe(true);
    expect(isSyntheticPhone('555-1234')).toBe(false);
    expect(isSyntheticPhone('+14155551234')).toBe(false);
    expect(isSyntheticPhone('+14155550200')).toBe(false);
    expect(isSyntheticPhone('+11155550123')).toBe(false);
    expect(isSyntheticPhone('+442071838750')).toBe(false);
  });

  it('accept e-mail only at reserved domains', () => {
    expect(isSyntheticEmail('ann.lee1@example.org')).toBe(true);
    expect(isSyntheticEmail('ann@mail.example.com')).toBe(true);
    expect(isSyntheticEmail('ann@mail.phi-drill.test')).toBe(true);
    expect(isSyntheticEmail('ann.lee@gmail.com')).toBe(false);
    expect(isSyntheticEmail('ann@example.org.attacker.com')).toBe(false);
    expect(isSyntheticEmail('ann@notexample.org')).toBe(false);
    expect(isSyntheticEmail('not an email')).toBe(false);
  });

  it('accept MRNs and member ids only with the synthetic prefixes', () => {
    expect(isSyntheticMrn('ZZTEST-00000123')).toBe(true);
    expect(isSyntheticMrn('MRN-00000123')).toBe(false);
    expect(isSyntheticMrn('ZZTEST-123')).toBe(false);
    expect(isSyntheticMemberId('ZZ1234567890')).toBe(true);
    expect(isSyntheticMemberId('W123456789')).toBe(false);
  });

  it('tell documentation and workstation addresses from real ones', () => {
    expect(isDocumentationIp('192.0.2.10')).toBe(true);
    expect(isDocumentationIp('198.51.100.254')).toBe(true);
    expect(isDocumentationIp('203.0.113.7')).toBe(true);
    expect(isDocumentationIp('2001:db8::1')).toBe(true);
    expect(isDocumentationIp('8.8.8.8')).toBe(false);
    expect(isDocumentationIp('192.0.20.1')).toBe(false);
    expect(isDocumentationIp('203.0.113.999')).toBe(false);
    expect(isWorkstationIp('10.99.3.17')).toBe(true);
    expect(isWorkstationIp('10.1.3.17')).toBe(false);
  });
});

describe('synthetic identifier builders', () => {
  it('build values their predicates accept', () => {
    expect(isSyntheticSsn(syntheticSsn('666', 1, 1))).toBe(true);
    expect(syntheticPhone('415', 7)).toBe('+14155550107');
    expect(syntheticMrn(123)).toBe('ZZTEST-00000123');
    expect(syntheticEmail("D'Angelo", 'Núñez', 3, 'example.net')).toBe('dangelo.nunez3@example.net');
    expect(isDocumentationIp(documentationIp(4, 200))).toBe(true);
    expect(isWorkstationIp(workstationIp(65_023))).toBe(true);
  });

  it('refuse arguments that would leave the reserved ranges', () => {
    expect(() => syntheticSsn('666', 0, 1)).toThrow(RangeError);
    expect(() => syntheticPhone('115', 1)).toThrow(/area code/);
    expect(() => syntheticPhone('415', 100)).toThrow(RangeError);
    expect(() => syntheticEmail('a', 'b', 1, 'gmail.com')).toThrow(/reserved/);
    expect(() => workstationIp(65_024)).toThrow(RangeError);
  });
});

describe('assertSyntheticPatient', () => {
  it('passes a generated patient', () => {
    expect(() => assertSyntheticPatient(patientAt(1, 0))).not.toThrow();
  });

  it.each([
    ['ssn', { ssn: '123-45-6789' }],
    ['phone', { phone: '+14155551234' }],
    ['email', { email: 'someone@gmail.com' }],
    ['mrn', { mrn: 'MRN00000001' }],
    ['id', { id: '12345' }],
    ['watermark', { watermark: 'phi-drill:v1:1:0:4111111111111111' }],
  ])('names the failing field %s and its value', (field, change) => {
    const patient = { ...patientAt(1, 0), ...change };
    const value = Object.values(change)[0]!;
    expect(() => assertSyntheticPatient(patient)).toThrow(NonSyntheticRecordError);
    expect(() => assertSyntheticPatient(patient)).toThrow(`${field} = "${value}"`);
  });

  it('names nested fields by path', () => {
    const patient = patientAt(1, 0);
    const bad = { ...patient, insurance: { ...patient.insurance, memberId: 'XYZ123456789' } };
    expect(() => assertSyntheticPatient(bad)).toThrow('insurance.memberId = "XYZ123456789"');
  });
});

describe('watermarks a DLP scanner cannot mistake for a real identifier', () => {
  it('spots Luhn-valid card-length digit runs, written plain or grouped', () => {
    expect(hasCardLikeNumber('4111111111111111')).toBe(true);
    expect(hasCardLikeNumber('tag 4111 1111 1111 1111 end')).toBe(true);
    expect(hasCardLikeNumber('5500-0000-0000-0004')).toBe(true);
    expect(hasCardLikeNumber('4111111111111112')).toBe(false);
    expect(hasCardLikeNumber('12345678901')).toBe(false);
  });

  it('refuses the old hex check when it came out all digits and Luhn-valid', () => {
    // A v1 watermark of the kind a real population produced: 16 hex characters, all of them digits.
    expect(isSyntheticWatermark('phi-drill:v1:7:412:4539578763621486')).toBe(false);
    expect(isSyntheticWatermark('phi-drill:v2:s7:pbg:4539578763621486')).toBe(false);
  });

  it('holds for every patient of a population, whatever the seed', () => {
    for (const seed of [0, 1, 42, 2 ** 32 - 1]) {
      for (let index = 0; index < 300; index += 1) {
        const { watermark } = patientAt(seed, index);
        expect(isSyntheticWatermark(watermark), watermark).toBe(true);
        expect(/\d{12}/.test(watermark), watermark).toBe(false);
      }
    }
  });
});
