import { overrideLive, revokeOverride } from '../estate/ehr/break-glass-override.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { defineControl } from './define.ts';

interface Override {
  who: string;
  timeBoxEndsAt: number;
  correlationId?: string;
  patients: Set<string>;
  evidence: string;
  /** Settled once the override was raised as outliving its box, or seen to lapse on time. */
  settled: boolean;
}

/**
 * Reviews every emergency override of the EHR (164.312(a)(2)(ii)). Each use is raised for the
 * privacy office's review queue (medium); one without second-factor evidence or a reason is raised
 * high at once, but not cut off, since the clinician may be mid-emergency. The time box is the hard
 * stop: an override still used, or still accepted, after its box ends is raised high and revoked.
 */
export const breakGlassMonitor = defineControl({
  id: 'break-glass-monitor',
  summary:
    'Every break-glass override (high without MFA or a reason); revokes an override that outlives its time box',
  kind: 'detector',
  reads: ['ehr'],
  rules: ['break-glass-used', 'break-glass-unverified', 'elevation-outlived-time-box'],
  covers: ['break-glass-no-mfa'],
  scanEveryMs: 5 * 60_000,
  start({ estate, clock, raise }) {
    const overrides = new Map<string, Override>();
    const outlived = (session: string, override: Override, how: string, evidence?: string) => {
      override.settled = true;
      raise({
        rule: 'elevation-outlived-time-box',
        severity: 'high',
        summary: `break-glass override of ${override.who} ${how} after its time box ended; ${override.patients.size} charts opened under it`,
        patientIds: [...override.patients],
        evidence: evidence ? [override.evidence, evidence] : [override.evidence],
        correlationId: override.correlationId,
      });
      revokeOverride(estate.ehr.state, session);
    };
    const granted = (event: TelemetryEvent, session: string) => {
      const mfa = event.detail?.mfa === true;
      const justification = String(event.detail?.justification ?? '');
      const missing = [mfa ? '' : 'MFA evidence', justification ? '' : 'a justification'].filter(Boolean);
      const who = event.actor.name ?? event.actor.id;
      overrides.set(session, {
        who,
        timeBoxEndsAt: event.time + estate.ehr.state.config.breakGlass.timeBoxMs,
        correlationId: event.correlationId,
        patients: new Set(),
        evidence: event.id,
        settled: false,
      });
      raise({
        rule: missing.length > 0 ? 'break-glass-unverified' : 'break-glass-used',
        severity: missing.length > 0 ? 'high' : 'medium',
        summary:
          missing.length > 0
            ? `${who} broke the glass from ${event.sourceIp} without ${missing.join(' or ')}`
            : `${who} broke the glass from ${event.sourceIp}: "${justification}"`,
        patientIds: [],
        evidence: [event.id],
        correlationId: event.correlationId,
      });
    };
    return {
      onEvent(event) {
        if (event.system !== 'ehr' || !event.session || event.outcome !== 'success') return;
        if (event.action === 'fhir.break-glass') return granted(event, event.session);
        const override = overrides.get(event.session);
        if (!override) return;
        for (const id of event.patientIds) override.patients.add(id);
        if (!override.settled && event.time > override.timeBoxEndsAt) {
          outlived(event.session, override, 'was used', event.id);
        }
      },
      onScan() {
        const now = clock.now();
        for (const [session, override] of overrides) {
          if (override.settled || now <= override.timeBoxEndsAt) continue;
          if (overrideLive(estate.ehr.state, session, now)) outlived(session, override, 'was still accepted');
          else override.settled = true;
        }
      },
    };
  },
});
