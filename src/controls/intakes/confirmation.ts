import { parseDuration } from '../../clock/duration.ts';

/** A person's confirmation of a manual expectation, as delivered in `IncomingAlert.body`. */
export interface Confirmation {
  kind: 'manual';
  expectationId: string;
  /** When it happened, epoch milliseconds on the run clock (may differ from when it was typed). */
  at: number;
  by: string;
  note?: string;
}

export type ParsedConfirmation = { ok: true; confirmation: Confirmation } | { ok: false; error: string };

export const CONFIRM_USAGE = 'confirm <expectation-id> [at <time>] [by <name>] [note <text>]';

export const MANUAL_HELP = [
  `usage: ${CONFIRM_USAGE}`,
  '  at    an ISO time with offset (2026-03-02T13:30:00-05:00), or +30m / -15m from now; default now',
  '  by    who confirms it; default "facilitator"',
  '  note  free text, the rest of the line',
  'e.g.   confirm privacy-officer-briefed at -15m by Dana Reyes note briefed by phone',
].join('\n');

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const CLAUSES = new Set(['at', 'by', 'note']);

/** `+30m` / `-15m` from now, or an ISO time that names its offset (a bare local time is ambiguous). */
function parseTime(text: string, now: number): number | undefined {
  if (text.startsWith('+') || text.startsWith('-')) {
    const ms = parseDuration(text.slice(1));
    return ms === undefined ? undefined : now + (text.startsWith('-') ? -ms : ms);
  }
  if (!ISO_WITH_OFFSET.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isFinite(time) ? time : undefined;
}

/**
 * Parses one console line: `confirm <expectation-id> [at <time>] [by <name>] [note <text>]`, the
 * clauses in any order, `note` taking the rest of the line. Shared by the manual intake and the TUI.
 */
export function parseConfirmation(line: string, now: number): ParsedConfirmation {
  const tokens = [...line.matchAll(/\S+/g)];
  const word = (i: number) => tokens[i]?.[0] ?? '';
  const fail = (error: string): ParsedConfirmation => ({ ok: false, error });
  if (word(0).toLowerCase() !== 'confirm') {
    return fail(tokens.length === 0 ? 'empty line' : `unknown command "${word(0)}"`);
  }
  const expectationId = word(1);
  if (!expectationId) return fail('which expectation? give its id after "confirm"');
  if (!KEBAB.test(expectationId)) return fail(`"${expectationId}" is not an expectation id (kebab-case)`);
  let at: number | undefined;
  let by: string | undefined;
  let note: string | undefined;
  for (let i = 2; i < tokens.length; ) {
    const clause = word(i).toLowerCase();
    if (!CLAUSES.has(clause)) return fail(`unexpected "${word(i)}"; expected at, by or note`);
    const seen = { at, by, note }[clause as 'at' | 'by' | 'note'];
    if (seen !== undefined) return fail(`"${clause}" given twice`);
    if (clause === 'note') {
      note = tokens[i + 1] ? line.slice(tokens[i + 1]!.index).trim() : '';
      if (!note) return fail('"note" needs some text');
      break;
    }
    if (clause === 'at') {
      at = parseTime(word(i + 1), now);
      if (at === undefined) {
        return fail(`"at ${word(i + 1)}" is not a time: use an ISO time with offset, or +30m / -15m`);
      }
      i += 2;
      continue;
    }
    const names: string[] = [];
    for (i += 1; i < tokens.length && !CLAUSES.has(word(i).toLowerCase()); i += 1) names.push(word(i));
    if (names.length === 0) return fail('"by" needs a name');
    by = names.join(' ');
  }
  return {
    ok: true,
    confirmation: {
      kind: 'manual',
      expectationId,
      at: at ?? now,
      by: by ?? 'facilitator',
      ...(note ? { note } : {}),
    },
  };
}
