import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { assessBreach } from '../breach/assess.ts';
import { computeObligations } from '../breach/deadlines.ts';
import { obligationsToIcs } from '../breach/ics.ts';
import { isJurisdiction, US_JURISDICTIONS } from '../breach/jurisdictions.ts';
import { PHI_TYPES } from '../breach/kinds.ts';
import { renderPlain, renderTable } from '../breach/render-obligations.ts';
import { STATE_LAWS_CHECKED_ON, STATE_LAWS_VERSION } from '../breach/state-laws.data.ts';
import type { IncidentFacts, LawEnforcementDelay, PhiType } from '../breach/types.ts';
import { formatOffset, isCivilDate, parseZonedIso, zoneOffsetMinutes } from '../clock/civil-date.ts';
import { EXIT } from './exit-codes.ts';
import { parseOrExplain, UsageError } from './usage.ts';

export interface DeadlinesIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
  /** Terminal width, when on a terminal: the table fits it. */
  columns?: number;
}

export const DEADLINES_USAGE =
  'usage: phi-drill deadlines --discovered ISO --state CC=N [--state CC=N]… [options]\n' +
  '  --discovered       first day known or knowable, with offset (2026-03-04T07:00-05:00);\n' +
  '                     a bare date (2026-03-04) is that day in --zone, and needs it\n' +
  '  --state CC=N       affected residents (N ≥ 1) per US state or territory code (repeatable)\n' +
  '  --ba-discovered    when the business associate discovered it (ISO with offset)\n' +
  '  --law-enforcement  written:UNTIL | written:REQUESTED/UNTIL | oral:REQUESTED | oral:REQUESTED/UNTIL\n' +
  '                     (dates YYYY-MM-DD; a written statement without a request date counts from discovery)\n' +
  '  --encrypted, --key-compromised, --urgent, --contact-missing N, --phi ssn,diagnosis,…\n' +
  '  --zone IANA        the covered entity’s time zone for federal due days (default: the discovery offset)\n' +
  '  --json             machine-readable output\n' +
  '  --ics FILE         also write the deadlines as an iCalendar file (DTSTAMP = discovery)\n';

interface Parsed {
  facts: IncidentFacts;
  zone?: string;
  json: boolean;
  ics?: string;
}

function parseStates(values: string[] | undefined): Record<string, number> {
  if (!values || values.length === 0) throw new UsageError('--state is required (e.g. --state CA=320)');
  const states: Record<string, number> = {};
  for (const value of values) {
    const match = /^([^=]*)=(.*)$/.exec(value);
    if (!match) throw new UsageError(`--state must be CC=N, got ${JSON.stringify(value)}`);
    const code = match[1]!.trim().toUpperCase();
    if (!isJurisdiction(code)) {
      throw new UsageError(
        `--state ${JSON.stringify(match[1])} is not a US state or territory code (known: ${US_JURISDICTIONS.join(' ')})`,
      );
    }
    const count = match[2]!;
    if (!/^\d{1,9}$/.test(count)) {
      throw new UsageError(
        `--state ${code}: the count must be a whole number of people, got ${JSON.stringify(count)}`,
      );
    }
    if (Number(count) === 0) {
      throw new UsageError(`--state ${code}=0: no resident of ${code} is affected, so leave the state out`);
    }
    if (Object.hasOwn(states, code)) throw new UsageError(`--state ${code} is given twice`);
    states[code] = Number(count);
  }
  return states;
}

/**
 * An instant given on the command line: ISO date-time with offset, or a bare date read as the start
 * of that civil day in the organisation's zone (`--zone`). Impossible dates are named as such.
 */
export function parseInstantArg(flag: string, text: string, zone: string | undefined): string {
  const date = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(text)?.[1];
  if (date !== undefined && !isCivilDate(date)) {
    throw new UsageError(`${flag}: ${date} is not a calendar date`);
  }
  if (parseZonedIso(text)) return text;
  if (date !== undefined && date === text) {
    if (zone === undefined) {
      throw new UsageError(
        `${flag} ${text} has no time: give it with an offset (${text}T09:00-05:00), or pass --zone to read it as that day in the organisation's zone`,
      );
    }
    const offset = zoneOffsetMinutes(Date.parse(`${date}T12:00:00Z`), zone);
    return `${date}T00:00${formatOffset(offset)}`;
  }
  throw new UsageError(`${flag} must be an ISO date-time with offset, got ${JSON.stringify(text)}`);
}

function parseDelay(text: string | undefined, discoveredAt: string): LawEnforcementDelay | undefined {
  if (text === undefined) return undefined;
  const match = /^(written|oral):(\d{4}-\d{2}-\d{2})(?:\/(\d{4}-\d{2}-\d{2}))?$/.exec(text);
  if (!match) {
    throw new UsageError(
      `--law-enforcement must be written:UNTIL[/…] or oral:REQUESTED[/UNTIL], got ${JSON.stringify(text)}`,
    );
  }
  for (const date of [match[2]!, match[3]]) {
    if (date !== undefined && !isCivilDate(date))
      throw new UsageError(`--law-enforcement: ${date} is not a calendar date`);
  }
  const offset = formatOffset(parseZonedIso(discoveredAt)!.offsetMinutes);
  const at = (date: string) => `${date}T00:00${offset}`;
  const [kind, first, second] = [match[1] as 'written' | 'oral', match[2]!, match[3]];
  const requestedAt = kind === 'written' && second === undefined ? discoveredAt : at(first);
  const end = kind === 'written' ? (second ?? first) : second;
  if (end !== undefined && end < requestedAt.slice(0, 10)) {
    throw new UsageError(`--law-enforcement: the delay ends (${end}) before it was requested`);
  }
  return kind === 'written'
    ? { kind, requestedAt, until: at(end!) }
    : { kind, requestedAt, ...(end ? { writtenUntil: at(end) } : {}) };
}

function parseDeadlinesArgs(argv: string[]): Parsed | 'help' {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        discovered: { type: 'string' },
        state: { type: 'string', multiple: true },
        'ba-discovered': { type: 'string' },
        'law-enforcement': { type: 'string' },
        encrypted: { type: 'boolean' },
        'key-compromised': { type: 'boolean' },
        'contact-missing': { type: 'string' },
        urgent: { type: 'boolean' },
        phi: { type: 'string' },
        zone: { type: 'string' },
        json: { type: 'boolean' },
        ics: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const zone = values.zone as string | undefined;
  if (zone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      throw new UsageError(`--zone must be an IANA time zone, got ${JSON.stringify(zone)}`);
    }
  }
  const discoveredText = values.discovered as string | undefined;
  if (discoveredText === undefined) throw new UsageError('--discovered is required');
  const discoveredAt = parseInstantArg('--discovered', discoveredText, zone);
  const baText = values['ba-discovered'] as string | undefined;
  const ba = baText === undefined ? undefined : parseInstantArg('--ba-discovered', baText, zone);
  const individualsByState = parseStates(values.state as string[] | undefined);
  const total = Object.values(individualsByState).reduce((sum, count) => sum + count, 0);
  const missingText = (values['contact-missing'] as string | undefined) ?? '0';
  const missing = /^\d{1,9}$/.test(missingText) ? Number(missingText) : Number.NaN;
  if (!(missing <= total)) {
    throw new UsageError(
      `--contact-missing must be an integer in 0..${total}, got ${JSON.stringify(missingText)}`,
    );
  }
  const phi = ((values.phi as string | undefined) ?? '').split(',').filter(Boolean);
  const unknown = phi.filter((type) => !(PHI_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0)
    throw new UsageError(`--phi: unknown type ${unknown.join(', ')} (known: ${PHI_TYPES.join(', ')})`);
  if (values['key-compromised'] && !values.encrypted)
    throw new UsageError('--key-compromised needs --encrypted');
  const ics = values.ics as string | undefined;
  if (ics === '') throw new UsageError('--ics needs a file name');
  const facts: IncidentFacts = {
    discoveredAt,
    ...(ba ? { businessAssociateDiscoveredAt: ba } : {}),
    phiTypes: phi as PhiType[],
    individualsByState,
    // The command states no mitigating facts, so it assesses the worst case the rule presumes.
    recipient: 'unknown-outside-party',
    acquiredOrViewed: true,
    encrypted: Boolean(values.encrypted),
    keyCompromised: Boolean(values['key-compromised']),
    destroyed: false,
    mitigation: [],
    contactInfoMissing: missing,
    urgent: Boolean(values.urgent),
  };
  const delay = parseDelay(values['law-enforcement'] as string | undefined, discoveredAt);
  if (delay) facts.lawEnforcementDelay = delay;
  return { facts, zone, json: Boolean(values.json), ics };
}

/**
 * `phi-drill deadlines`: assesses an incident and prints every notification obligation with its due
 * moment. Returns the exit code: 0 done, 2 bad usage, 3 the .ics file could not be written.
 */
export async function deadlinesCommand(argv: string[], io: DeadlinesIo): Promise<number> {
  const result = parseOrExplain('deadlines', DEADLINES_USAGE, () => parseDeadlinesArgs(argv), io);
  if (!result.ok) return result.exitCode;
  const parsed = result.value;
  const { facts, zone } = parsed;
  const assessment = assessBreach(facts);
  const obligations = computeObligations(facts, assessment, zone ? { entityZone: zone } : {});
  if (parsed.ics) {
    const calendar = obligationsToIcs(obligations, {
      uidSeed: facts.discoveredAt,
      title: `Breach discovered ${facts.discoveredAt.slice(0, 10)}`,
      dtstamp: facts.discoveredAt,
      nothingDue: `${assessment.outcome}: ${assessment.basis.join('; ')}`,
    });
    try {
      await writeFile(parsed.ics, calendar);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      io.stderr.write(
        `phi-drill deadlines: cannot write ${parsed.ics} (${reason}); choose a writable path for --ics\n`,
      );
      return EXIT.operational;
    }
  }
  if (parsed.json) {
    const stateLaws = { version: STATE_LAWS_VERSION, checkedOn: STATE_LAWS_CHECKED_ON };
    io.stdout.write(`${JSON.stringify({ facts, assessment, obligations, stateLaws }, null, 2)}\n`);
  } else {
    io.stdout.write(
      io.isTTY ? renderTable(assessment, obligations, io.columns) : renderPlain(assessment, obligations),
    );
  }
  if (parsed.ics) {
    io.stderr.write(
      obligations.length === 0
        ? `deadlines: nothing to schedule (${assessment.outcome}); ${parsed.ics} records the assessment only\n`
        : `deadlines: wrote ${obligations.length} events to ${parsed.ics}\n`,
    );
  }
  return 0;
}
