import { randomBytes } from 'node:crypto';
import { HttpResponse } from 'msw';
import type { Caller } from '../caller.ts';
import type { EstateContext } from '../context.ts';
import { mfaPage } from './pages.ts';
import type { createPortalRecorder } from './recorder.ts';
import { totpAccepts } from './totp.ts';
import type { PortalDirectory } from './types.ts';

type PortalRecorder = ReturnType<typeof createPortalRecorder>;
type Found = NonNullable<ReturnType<PortalDirectory['findLogin']>>;

/** A password that was right, waiting for its code. */
interface Challenge {
  found: Found;
  createdAt: number;
  attempts: number;
}

/** How long the code page stays good, and how many wrong codes it takes before the password is asked again. */
const CHALLENGE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

/**
 * The second sign-in step. A right password opens a challenge (an unguessable id carried in the
 * code form, never a session); the right code closes it and the caller starts the session. Guesses
 * are bounded per challenge, and every wrong or stale code is recorded like a failed password.
 */
export function createMfaStep(
  ctx: EstateContext,
  recorder: PortalRecorder,
  /** Back to the password form, for a stale or spent challenge. */
  restart: (request: Request) => Response,
) {
  const challenges = new Map<string, Challenge>();

  function challenge(request: Request, caller: Caller, found: Found): Response {
    const id = randomBytes(24).toString('base64url');
    challenges.set(id, { found, createdAt: ctx.clock.now(), attempts: 0 });
    recorder.emit(request, caller, 200, 'portal.mfa.challenge', 'success', { patientId: found.patientId });
    return HttpResponse.html(mfaPage(id));
  }

  /** The patient the code proves, or the page to answer with. */
  async function verify(
    request: Request,
    caller: Caller,
  ): Promise<{ found: Found } | { response: Response }> {
    const form = new URLSearchParams(await request.text());
    const id = form.get('challenge') ?? '';
    const open = challenges.get(id);
    const now = ctx.clock.now();
    if (!open || now - open.createdAt > CHALLENGE_MS) {
      challenges.delete(id);
      recorder.emit(request, caller, 401, 'portal.mfa.failed', 'failure', { detail: { reason: 'expired' } });
      return { response: restart(request) };
    }
    if (totpAccepts(open.found.totpSecret, form.get('code') ?? '', now)) {
      challenges.delete(id);
      return { found: open.found };
    }
    open.attempts += 1;
    const spent = open.attempts >= MAX_ATTEMPTS;
    if (spent) challenges.delete(id);
    recorder.emit(request, caller, 401, 'portal.mfa.failed', 'failure', {
      patientId: open.found.patientId,
      detail: { attempts: open.attempts },
    });
    return {
      response: spent
        ? restart(request)
        : HttpResponse.html(
            mfaPage(id, 'That code is not right. Check your authenticator app and try again.'),
            {
              status: 401,
            },
          ),
    };
  }

  return { challenge, verify };
}
