import { localParts } from '../clock/local-time.ts';
import type { TelemetryEvent } from '../telemetry/event.ts';
import { defineControl } from './define.ts';

const SCAN_MS = 10 * 60_000;
/** The longest look-back: two hours, so a quiet night still gathers enough evidence. */
const MAX_WINDOW_SLOTS = 12;
/** Audited interactions a window needs before a shortfall of audit records means anything. */
const MIN_ACCESSES = 4;
/** Audited interactions to learn from before judging at all (about an hour of clinic traffic). */
const MIN_LEARNED_ACCESSES = 40;
/** A silent half hour is alarming only where this time of day usually writes at least this many. */
const HEARTBEAT_MIN_EXPECTED = 12;
const HEARTBEAT_SLOTS = 3;
const AUDITED_ACTIONS = new Set(['fhir.read', 'fhir.search', 'fhir.update']);
/**
 * Slots this old have all their telemetry: the EHR's audited interactions reach the monitor through
 * a pipeline (seconds to minutes late), so a slot is learned from only once nothing more can land in it.
 */
const SETTLED_SLOTS = 2;

interface Slot {
  /** Start of the ten minutes this slot counts. */
  at: number;
  learned: boolean;
  accesses: number;
  audits: number;
  patients: Set<string>;
  evidence: string[];
}

const slotAt = (at: number): Slot => ({
  at,
  learned: false,
  accesses: 0,
  audits: 0,
  patients: new Set(),
  evidence: [],
});

/**
 * A heartbeat on the EHR's audit stream (164.312(b), 164.308(a)(1)(ii)(D)). Every ten minutes it
 * compares the AuditEvents written with the audited interactions the EHR's telemetry shows, and it
 * learns two baselines from healthy periods: audit records per interaction, and audit records per
 * ten minutes of the day (weekdays and weekends apart: nights and weekends are quiet, and clinic
 * traffic ramps up and down around opening hours rather than switching at the hour).
 * It raises when access continues but the trail falls below half the learned ratio, judging the
 * shortest recent window with enough interactions (minutes by day, up to two hours at night), and
 * re-enables recording. A separate, medium rule flags a trail silent for half an hour at an hour
 * that normally writes plenty, even when telemetry is silent too.
 * Both sides are counted in the slot of their own time (an interaction by when it happened, an
 * AuditEvent by `recorded`), not of their arrival: interactions arrive late through the pipeline,
 * and counting them where they land would pit one slot's audits against another's accesses.
 */
export const auditGapMonitor = defineControl({
  id: 'audit-gap-monitor',
  summary:
    'EHR audit trail stops growing while access telemetry continues (learned rate by hour of day); re-enables recording',
  kind: 'detector',
  reads: ['ehr'],
  rules: ['audit-silent-during-access', 'audit-heartbeat-lost'],
  covers: ['audit-trail-gap'],
  scanEveryMs: SCAN_MS,
  start({ estate, clock, raise }) {
    const trail = estate.ehr.state.auditEvents;
    let mark = trail.length;
    let current = slotAt(clock.now());
    const recent: Slot[] = [];
    const perBucket = new Map<string, { audits: number; slots: number }>();
    let learnedAudits = 0;
    let learnedAccesses = 0;
    let gapOpen = false;
    let heartbeatOpen = false;
    const bucketOf = (time: number) => {
      const { weekday, hour, minute } = localParts(time, estate.timezone);
      return `${weekday === 'Sat' || weekday === 'Sun' ? 'weekend' : 'weekday'}-${hour}:${Math.floor(minute / 10)}`;
    };
    const learn = (slot: Slot) => {
      learnedAudits += slot.audits;
      learnedAccesses += slot.accesses;
      const bucket = perBucket.get(bucketOf(slot.at)) ?? { audits: 0, slots: 0 };
      perBucket.set(bucketOf(slot.at), { audits: bucket.audits + slot.audits, slots: bucket.slots + 1 });
    };
    const expectedPerSlot = (time: number) => {
      const bucket = perBucket.get(bucketOf(time));
      return bucket ? bucket.audits / bucket.slots : undefined;
    };

    /** The slot that counts `time`: the open one or a recent closed one; older than the look-back, none. */
    const slotOf = (time: number): Slot | undefined => {
      if (time >= current.at) return current;
      for (let i = recent.length - 1; i >= 0; i--) if (time >= recent[i]!.at) return recent[i];
      return undefined;
    };

    const judgeAccess = () => {
      let accesses = 0;
      let audits = 0;
      const window: Slot[] = [];
      for (let i = recent.length - 1; i >= 0 && accesses < MIN_ACCESSES; i--) {
        window.push(recent[i]!);
        accesses += recent[i]!.accesses;
        audits += recent[i]!.audits;
      }
      const ratio = learnedAccesses >= MIN_LEARNED_ACCESSES ? learnedAudits / learnedAccesses : 0;
      const silent = ratio > 0 && accesses >= MIN_ACCESSES && audits < accesses * ratio * 0.5;
      if (!silent) {
        gapOpen = false;
        return;
      }
      if (gapOpen) return;
      gapOpen = true;
      const minutes = (window.length * SCAN_MS) / 60_000;
      const usual = window.reduce((sum, slot) => sum + (expectedPerSlot(slot.at) ?? 0), 0) / window.length;
      raise({
        rule: 'audit-silent-during-access',
        severity: 'high',
        summary:
          `EHR wrote ${audits} AuditEvents in ${minutes} min while telemetry shows ${accesses} audited interactions ` +
          `(learned ${ratio.toFixed(2)} per interaction; this time of day usually writes ${Math.round(usual * 6)}/h)`,
        patientIds: [...new Set(window.flatMap((slot) => [...slot.patients]))],
        evidence: window.flatMap((slot) => slot.evidence).slice(0, 20),
      });
      estate.ehr.state.config.audit.enabled = true;
    };

    const judgeHeartbeat = () => {
      const last = recent.slice(-HEARTBEAT_SLOTS);
      const expected = last.reduce((sum, slot) => sum + (expectedPerSlot(slot.at) ?? 0), 0);
      const written = last.reduce((sum, slot) => sum + slot.audits, 0);
      if (written > 0 || last.length < HEARTBEAT_SLOTS) heartbeatOpen = false;
      if (written > 0 || heartbeatOpen || expected < HEARTBEAT_MIN_EXPECTED) return;
      heartbeatOpen = true;
      raise({
        rule: 'audit-heartbeat-lost',
        severity: 'medium',
        summary: `EHR audit trail silent for ${HEARTBEAT_SLOTS * 10} min; this time of day usually writes ${Math.round(expected)}`,
        patientIds: [],
        evidence: [],
      });
    };

    return {
      onEvent(event: TelemetryEvent) {
        if (event.system !== 'ehr' || !AUDITED_ACTIONS.has(event.action)) return;
        if (event.resource.type === 'AuditEvent') return;
        const slot = slotOf(event.time);
        if (!slot) return;
        slot.accesses += 1;
        for (const id of event.patientIds) slot.patients.add(id);
        if (slot.evidence.length < 20) slot.evidence.push(event.id);
      },
      onScan() {
        for (const audit of trail.slice(mark)) {
          const slot = slotOf(Date.parse(audit.recorded));
          if (slot) slot.audits += 1;
        }
        mark = trail.length;
        recent.push(current);
        current = slotAt(clock.now());
        if (recent.length > MAX_WINDOW_SLOTS) recent.shift();
        // Learn only from settled slots whose own records kept up, so a gap never teaches itself as normal.
        for (const slot of recent.slice(0, -SETTLED_SLOTS)) {
          if (slot.learned) continue;
          slot.learned = true;
          if (slot.accesses === 0 || slot.audits >= slot.accesses * 0.5) learn(slot);
        }
        judgeAccess();
        judgeHeartbeat();
      },
    };
  },
});
