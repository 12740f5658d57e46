import { findPhi } from '../../synth/find-phi.ts';
import { callerOf } from '../caller.ts';
import { jsonResponse } from '../string-response.ts';
import { recordAudit } from './audit.ts';
import { type Authenticated, authenticate } from './auth.ts';
import { breakGlassAuditEvent } from './break-glass-audit.ts';
import {
  BREAK_GLASS_SCOPES,
  type BreakGlassGrant,
  mfaValid,
  SHIFT_SESSION_MS,
} from './break-glass-policy.ts';
import { ANONYMOUS, outcomeOf, requestorOf, sessionKey } from './exchange.ts';
import { FhirError } from './operation-outcome.ts';
import { type EhrEnv, fhirBaseUrl } from './serve.ts';
import type { EhrState, IssuedToken } from './state.ts';

interface Override {
  token: string;
  issued: IssuedToken;
  grant: BreakGlassGrant;
}

/**
 * `POST [base]/$break-glass`: a clinician holding an ordinary token asks for emergency access to every
 * chart. Form body: `reason` (justification) and optionally `mfa` (a second-factor code). Returns an
 * elevated `user/*.rs` token for the configured time box. Every attempt, granted or refused, emits one
 * `fhir.break-glass` event and one AuditEvent.
 */
export async function breakGlass(env: EhrEnv, request: Request): Promise<Response> {
  const now = env.ctx.clock.now();
  let auth: Authenticated | undefined;
  let reason = '';
  let mfa = false;
  try {
    auth = authenticate(env.state, request, now);
    assertEligible(auth);
    const form = await formOf(request);
    reason = (form.get('reason') ?? '').trim().slice(0, 500);
    mfa = checkMfa(env.state, auth, form.get('mfa'), now);
    const override = elevate(env.state, auth, { reason, mfa }, now);
    record(env, request, { status: 200, auth, reason, mfa, override });
    const expiresIn = Math.round((override.issued.expiresAt - now) / 1000);
    return jsonResponse(
      {
        access_token: override.token,
        token_type: 'Bearer',
        expires_in: expiresIn,
        scope: override.issued.scopes.join(' '),
        time_box_ends: new Date(override.grant.timeBoxEndsAt).toISOString(),
      },
      { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } },
    );
  } catch (error) {
    if (!(error instanceof FhirError)) throw error;
    record(env, request, { status: error.status, auth, reason, mfa, diagnostics: error.message });
    return error.toResponse();
  }
}

async function formOf(request: Request): Promise<URLSearchParams> {
  if (!(request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    throw new FhirError(400, 'invalid', '$break-glass expects application/x-www-form-urlencoded parameters');
  }
  return new URLSearchParams(await request.text());
}

function assertEligible(auth: Authenticated): void {
  if (auth.issued.actor.type !== 'clinician') {
    throw new FhirError(403, 'forbidden', 'only clinicians may break the glass');
  }
  if (auth.issued.breakGlass) throw new FhirError(403, 'forbidden', 'the token is already elevated');
}

/**
 * Reasons often name the patient ("MRN … in bay 3"). Telemetry leaves the organisation for the SIEM,
 * so identifiers are masked there; the AuditEvent, a PHI-grade record, keeps the reason as written.
 */
function maskPhi(text: string): string {
  let masked = text;
  let limit = text.length;
  for (const { match, index } of findPhi(text).sort((a, b) => b.index - a.index)) {
    if (index + match.length > limit) continue;
    masked = `${masked.slice(0, index)}[redacted]${masked.slice(index + match.length)}`;
    limit = index;
  }
  return masked;
}

/** A wrong code is always refused; a missing one only when the configuration requires MFA. */
function checkMfa(state: EhrState, auth: Authenticated, assertion: string | null, now: number): boolean {
  if (!assertion) {
    if (state.config.breakGlass.requireMfa)
      throw new FhirError(401, 'login', 'break-glass requires a second factor (mfa)');
    return false;
  }
  if (!auth.client || !mfaValid(auth.client.clientSecret, assertion, now)) {
    throw new FhirError(401, 'login', 'the mfa assertion is not valid');
  }
  return true;
}

function elevate(
  state: EhrState,
  auth: Authenticated,
  evidence: { reason: string; mfa: boolean },
  now: number,
): Override {
  const config = state.config.breakGlass;
  if (config.requireJustification && !evidence.reason) {
    throw new FhirError(400, 'invalid', 'break-glass requires a reason');
  }
  const grant: BreakGlassGrant = { ...evidence, timeBoxEndsAt: now + config.timeBoxMs };
  const issued: IssuedToken = {
    clientId: auth.issued.clientId,
    scopes: [...BREAK_GLASS_SCOPES],
    actor: auth.issued.actor,
    issuedAt: now,
    expiresAt: config.enforceTimeBox ? grant.timeBoxEndsAt : now + SHIFT_SESSION_MS,
    breakGlass: grant,
  };
  const token = state.opaqueHandle('at');
  state.tokens.set(token, issued);
  return { token, issued, grant };
}

function record(
  env: EhrEnv,
  request: Request,
  result: {
    status: number;
    auth?: Authenticated;
    reason: string;
    mfa: boolean;
    override?: Override;
    diagnostics?: string;
  },
): void {
  const { ctx, state } = env;
  const caller = callerOf(request);
  const actor = result.auth?.issued.actor ?? ANONYMOUS;
  const url = new URL(request.url);
  const elevatedSession = result.override ? sessionKey(result.override.token) : undefined;
  ctx.bus.emit({
    system: 'ehr',
    action: 'fhir.break-glass',
    actor,
    clientApp: result.auth?.issued.clientId,
    sourceIp: caller.sourceIp,
    userAgent: caller.userAgent,
    session: elevatedSession ?? (result.auth ? sessionKey(result.auth.token) : undefined),
    requestId: caller.requestId,
    correlationId: caller.correlationId,
    method: request.method,
    uri: url.pathname,
    status: result.status,
    resource: { type: 'BreakGlass' },
    patientIds: [],
    fields: [],
    outcome: outcomeOf(result.status),
    scopes: result.override?.issued.scopes,
    detail: { mfa: result.mfa, justification: maskPhi(result.reason) },
  });
  const client = result.auth?.client;
  const event = breakGlassAuditEvent({
    id: ctx.nextId('audit'),
    recorded: new Date(ctx.clock.now()).toISOString(),
    status: result.status,
    diagnostics: result.diagnostics,
    caller,
    requestor: { who: requestorOf(state, actor), name: actor.name ?? actor.id },
    client: client ? { clientId: client.clientId, name: client.name } : undefined,
    server: fhirBaseUrl(env, request),
    elevatedSession,
    reason: result.reason,
    mfa: result.mfa,
    timeBoxEndsAt: result.override?.grant.timeBoxEndsAt,
  });
  recordAudit(state.auditEvents, state.config.audit, event);
}
