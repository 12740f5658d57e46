import { describe, expect, it } from 'vitest';
import {
  assertSyntheticPatient,
  documentationIp,
  isDocumentationIp,
  isSyntheticEmail,
  isSyntheticMemberId,
  isSyntheticMrn,
  isSyntheticPhone,
  isSyntheticSsn,
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
