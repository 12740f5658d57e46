import { z } from 'zod';
import { parseDuration } from '../clock/duration.ts';
import type { ProblemCode } from './problem.ts';

/** Custom issues carry their problem code here so the loader need not guess from the message. */
export function tagged(code: ProblemCode): { problem: ProblemCode } {
  return { problem: code };
}

/**
 * A strict object whose unknown-key message lists the allowed keys; the loader prefixes each
 * offending key, so this message is only the allowed part.
 */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `allowed: ${allowed}` : undefined),
  });
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const kebabId = z
  .string()
  .regex(KEBAB, { error: (issue) => `"${String(issue.input)}" is not kebab-case (e.g. overscoped-pull)` });

const DURATION_PATTERN = '^(\\d+(\\.\\d+)?(ms|s|m|h|d|w))+$';

/** A duration string such as `90s`, `15m`, `2h`, `60d` or `1h30m`; zero only where `allowZero`. */
export function durationText(allowZero: boolean) {
  return z
    .string()
    .superRefine((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        ctx.addIssue({
          code: 'custom',
          params: tagged('bad-duration'),
          message: `"${text}" is not a duration; use numbers with units ms, s, m, h, d, w (e.g. 90s, 15m, 2h, 60d, 1h30m)`,
        });
      } else if (ms === 0 && !allowZero) {
        ctx.addIssue({
          code: 'custom',
          params: tagged('bad-duration'),
          message: `"${text}" is zero; this duration must be longer than 0`,
        });
      }
    })
    .meta({ pattern: DURATION_PATTERN, examples: allowZero ? ['0s', '15m', '18h'] : ['15m', '1h', '60d'] });
}

const CITATION = /^16[04]\.\d{3}(?:\([A-Za-z0-9]+\))*$/;

export const hipaaCitation = z.string().regex(CITATION, {
  error: (issue) =>
    `"${String(issue.input)}" is not a 45 CFR citation; expected e.g. 164.312(b), 164.308(a)(1)(ii)(D) or 160.103`,
});

const TECHNIQUE = /^T\d{4}(?:\.\d{3})?$/;

export const attackTechnique = z.string().regex(TECHNIQUE, {
  error: (issue) =>
    `"${String(issue.input)}" is not an ATT&CK technique id; expected e.g. T1528 or T1078.004`,
});

export const isoWithOffset = z.iso.datetime({
  offset: true,
  error: (issue) =>
    `"${String(issue.input)}" is not an ISO-8601 date-time with an offset; expected e.g. 2026-03-02T08:00:00-05:00`,
});

/** Canonical zone names, listed without loading the time-zone rules (a formatter costs ~100 ms). */
let canonicalZones: ReadonlySet<string> | undefined;

function isTimeZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone)) return true;
  // Aliases (US/Eastern, Asia/Calcutta) are valid too but not listed: ask a formatter.
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ianaTimeZone = z.string().refine(isTimeZone, {
  error: (issue) => `"${String(issue.input)}" is not an IANA time zone; expected e.g. America/New_York`,
});

export const text = z.string().min(1);
