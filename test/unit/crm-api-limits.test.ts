import { describe, expect, it } from 'vitest';
import { ApiLimits } from '../../src/estate/crm/api-limits.ts';
import { SfError } from '../../src/estate/crm/errors.ts';

const T = Date.parse('2026-03-03T15:00:00Z');
const MINUTE = 60_000;

function refusal(run: () => void): { status: number; errorCode: string; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof SfError)) throw error;
    return { status: error.status, errorCode: error.errorCode, message: error.message };
  }
}

describe('CRM API limits', () => {
  it('throttles one client per minute with 403 REQUEST_LIMIT_EXCEEDED, leaving other clients alone', () => {
    const limits = new ApiLimits();
    limits.config.throttle.limitPerMinute = 3;
    for (let n = 0; n < 3; n++) limits.admit(T, 'app-a', '192.0.2.60');
    expect(refusal(() => limits.admit(T, 'app-a', '192.0.2.61'))).toMatchObject({
      status: 403,
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
    });
    expect(refusal(() => limits.admit(T, 'app-b', '10.40.0.12'))).toBeUndefined();
    expect(refusal(() => limits.admit(T + MINUTE, 'app-a', '192.0.2.60'))).toBeUndefined();
  });

  it('lets a client through at any rate once the throttle is off', () => {
    const limits = new ApiLimits();
    limits.config.throttle = { enabled: false, limitPerMinute: 3 };
    for (let n = 0; n < 50; n++)
      expect(refusal(() => limits.admit(T, 'app-a', '192.0.2.60'))).toBeUndefined();
  });

  it('refuses everyone once the shared allocation is spent, until calls age out of the window', () => {
    const limits = new ApiLimits();
    limits.config.throttle.enabled = false;
    limits.config.allocation = { requests: 5, windowMs: 60 * MINUTE };
    for (let n = 0; n < 5; n++) limits.admit(T + n * MINUTE, 'flooder', '192.0.2.60');
    expect(limits.remaining(T + 5 * MINUTE)).toBe(0);
    expect(refusal(() => limits.admit(T + 5 * MINUTE, 'sync', '10.40.0.12'))).toEqual({
      status: 403,
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      message: 'TotalRequests Limit exceeded.',
    });
    expect(limits.remaining(T + 61 * MINUTE)).toBe(2);
    expect(refusal(() => limits.admit(T + 61 * MINUTE, 'sync', '10.40.0.12'))).toBeUndefined();
  });

  it('blocks a source with the Transaction Security answer, and refused calls spend nothing', () => {
    const limits = new ApiLimits();
    expect(limits.block('192.0.2.60')).toBe(true);
    expect(limits.block('192.0.2.60')).toBe(false);
    expect(refusal(() => limits.admit(T, 'app-a', '192.0.2.60'))).toMatchObject({
      status: 403,
      errorCode: 'TXN_SECURITY_NO_ACCESS',
    });
    expect(limits.remaining(T)).toBe(limits.config.allocation.requests);
  });
});
