import { describe, expect, it } from 'vitest';
import { portalSessionReuse } from '../../src/inject/portal-session-reuse.ts';

describe('portal-session-reuse params: the second sign-in step', () => {
  it('takes mfa: totp with the browser driver', () => {
    expect(portalSessionReuse.params.parse({ driver: 'browser', mfa: 'totp' })).toMatchObject({
      mfa: 'totp',
    });
    expect(portalSessionReuse.params.parse({})).not.toHaveProperty('mfa');
  });

  it('refuses mfa: totp with the HTTP driver, naming the field', () => {
    const parsed = portalSessionReuse.params.safeParse({ mfa: 'totp' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({
      path: ['mfa'],
      message: 'mfa: totp needs driver: browser (the HTTP variant signs in with the password only)',
    });
  });
});
