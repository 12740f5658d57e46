import { z } from 'zod';
import { OBLIGATION_KINDS, PHI_TYPES, RECIPIENTS } from '../breach/kinds.ts';
import { parseDuration } from '../clock/duration.ts';
import { scenarioInfraSchema } from '../infra/infra-section.ts';
import {
  CRM_AUDIT_MONITORING,
  CRM_MONITORING,
  DEFAULT_MONITORING,
  EHR_AUDIT_MONITORING,
  LOG_MONITORING,
  type Monitoring,
  STORAGE_LOG_MONITORING,
} from '../telemetry/delivery/monitoring.ts';
import { businessAssociatesSection } from './business-associates-section.ts';
import {
  attackTechnique,
  durationText,
  hipaaCitation,
  ianaTimeZone,
  isoWithOffset,
  kebabId,
  strict,
  text,
} from './fields.ts';
import type { ScenarioRefs } from './refs.ts';
import {
  BACKGROUND_LEVELS,
  type Scenario,
  type ScenarioExpectation,
  type ScenarioInject,
  SEVERITIES,
} from './types.ts';

export const DEFAULT_ESTATE = {
  patients: 500,
  seed: 1,
  start: '2026-03-02T08:00:00-05:00',
  timezone: 'America/New_York',
  steadyState: '24h',
} as const;

/** The largest population an estate seeds: charts are built on first touch, the CRM holds every patient (about 4 KiB each). */
export const MAX_ESTATE_PATIENTS = 1_000_000;
export const MIN_ESTATE_PATIENTS = 10;

function estateSchema() {
  return strict({
    patients: z
      .int()
      .min(MIN_ESTATE_PATIENTS)
      .max(MAX_ESTATE_PATIENTS)
      .default(DEFAULT_ESTATE.patients)
      .meta({ description: `Synthetic patients to seed (${MIN_ESTATE_PATIENTS}..${MAX_ESTATE_PATIENTS}).` }),
    seed: z.int().default(DEFAULT_ESTATE.seed).meta({ description: 'Seed: same seed, same estate and run.' }),
    start: isoWithOffset
      .default(DEFAULT_ESTATE.start)
      .meta({ description: 'Virtual clock start, ISO-8601 with offset.' }),
    timezone: ianaTimeZone
      .default(DEFAULT_ESTATE.timezone)
      .meta({ description: 'IANA time zone of the organisation (off-hours, business days).' }),
    steadyState: durationText(false)
      .default(DEFAULT_ESTATE.steadyState)
      .meta({ description: 'Background-only period before T0 (duration).' }),
    businessAssociates: businessAssociatesSection.optional(),
  })
    .prefault({})
    .meta({ description: 'The simulated estate.' });
}

/** HSEEP master scenario events list row: what the table is told when the inject lands, and what it should do. */
const mselSchema = strict({
  from: text.meta({
    description: 'Who delivers the inject (simulated originator), e.g. Front-desk supervisor.',
  }),
  to: text.meta({ description: 'Which player receives it, e.g. Privacy officer.' }),
  message: text.meta({ description: 'The inject as read to the table.' }),
  expectedAction: text.meta({ description: 'The player action the plan expects in response.' }),
}).meta({ description: 'Tabletop master scenario events list (MSEL) entry for this inject.' });

function injectSchema(refs: ScenarioRefs) {
  const variants = refs.injectors.map((injector) =>
    strict({
      id: kebabId.meta({ description: 'Inject id, unique among injects and expectations.' }),
      at: durationText(true).meta({ description: 'Offset from T0 (= start + steadyState).' }),
      injector: z.literal(injector.id).meta({ description: injector.summary }),
      params: injector.params
        .strict()
        .prefault({})
        .meta({ description: `Parameters of the ${injector.id} injector.` }),
      msel: mselSchema.optional(),
    }).meta({ title: injector.id, description: injector.summary }),
  );
  const [first, ...rest] = variants;
  if (!first) return z.never();
  return z.discriminatedUnion('injector', [first, ...rest]);
}

function expectationSchema(refs: ScenarioRefs) {
  const base = {
    id: kebabId.meta({ description: 'Expectation id, unique among injects and expectations.' }),
    inject: z.string().meta({ description: 'Id of the inject whose landing starts the window.' }),
    within: durationText(false).meta({ description: 'Window, measured from the inject.' }),
  };
  const controls = refs.controls.map((control) => control.id);
  const rules = [...new Set(refs.controls.flatMap((control) => control.rules))];
  const conditions = [...new Set(refs.injectors.flatMap((injector) => injector.conditions))];
  const match = strict({
    control: z.string().optional().meta({ description: 'Registered control id.', examples: controls }),
    rule: z.string().optional().meta({ description: "One of the control's rules.", examples: rules }),
    correlation: text.optional().meta({ description: 'Drill correlation id the alert must carry.' }),
    minSeverity: z.enum(SEVERITIES).optional(),
  }).meta({ description: 'Alert selector; at least one of control, rule, correlation.' });
  return z.discriminatedUnion('type', [
    strict({ ...base, type: z.literal('detect'), match }).meta({ title: 'detect' }),
    strict({
      ...base,
      type: z.literal('log'),
      trail: z
        .string()
        .meta({ description: 'Audit trail to check.', examples: refs.trails.map((t) => t.id) }),
      fields: z.array(z.string()).min(1).meta({ description: 'Fields each trail record must carry.' }),
      investigateAfter: durationText(false).optional().meta({
        description:
          'When the investigation pulls the records, after the inject (default: as soon as they are published). Records past their retention by then are gone.',
      }),
    }).meta({ title: 'log' }),
    strict({
      ...base,
      type: z.literal('contain'),
      condition: z
        .string()
        .meta({ description: "Containment condition the inject's injector offers.", examples: conditions }),
    }).meta({ title: 'contain' }),
    strict({
      ...base,
      type: z.literal('notify'),
      deadline: durationText(false).meta({ description: 'Due date limit, measured from discovery.' }),
      obligations: z
        .array(z.enum(OBLIGATION_KINDS))
        .optional()
        .meta({ description: 'Notices to check, each judged on its own deadline, content and recipients.' }),
    }).meta({ title: 'notify' }),
    strict({
      ...base,
      type: z.literal('manual'),
      prompt: text.meta({ description: 'What a person confirms during the exercise.' }),
    }).meta({ title: 'manual' }),
  ]);
}

const breachSchema = strict({
  phiTypes: z.array(z.enum(PHI_TYPES)).min(1).meta({ description: 'PHI types involved (164.404(c)(1)(B)).' }),
  recipient: z.enum(RECIPIENTS).default('unknown-outside-party'),
  acquiredOrViewed: z.boolean().default(true),
  encrypted: z
    .boolean()
    .default(false)
    .meta({ description: 'Encrypted per HHS guidance (safe harbor with the key safe).' }),
  keyCompromised: z.boolean().default(false),
  destroyed: z.boolean().default(false),
  mitigation: z.array(text).default([]),
  urgent: z.boolean().default(false),
  noticesAfter: durationText(true)
    .default('10d')
    .meta({ description: 'When the organisation’s workflow sends its notices, after discovery.' }),
});

export const MONITORING_TEXT_DEFAULTS = {
  crm: DEFAULT_MONITORING.crm,
  crmLogRetention: '30d',
  crmAudit: DEFAULT_MONITORING.crmAudit,
  crmAuditPoll: '15m',
  ehrAudit: DEFAULT_MONITORING.ehrAudit,
  logs: DEFAULT_MONITORING.logs,
  forwarderFlush: '1s',
  logRetention: '90d',
  storageLogs: DEFAULT_MONITORING.storageLogs,
} as const;

/** The organisation's monitoring as a scenario (or `matrix --monitoring`) writes it. */
export const monitoringSchema = strict({
  crm: z.enum(CRM_MONITORING).default(MONITORING_TEXT_DEFAULTS.crm).meta({
    description: 'CRM telemetry collected: rtem (Real-Time Event Monitoring), elf-hourly, elf-daily, none.',
  }),
  crmLogRetention: durationText(false)
    .default(MONITORING_TEXT_DEFAULTS.crmLogRetention)
    .meta({ description: 'EventLogFile retention: 30d with the Event Monitoring add-on, 1d without.' }),
  crmAudit: z.enum(CRM_AUDIT_MONITORING).default(MONITORING_TEXT_DEFAULTS.crmAudit).meta({
    description: 'SetupAuditTrail, field history and LoginHistory: poll (queried through the API), none.',
  }),
  crmAuditPoll: durationText(false)
    .default(MONITORING_TEXT_DEFAULTS.crmAuditPoll)
    .meta({ description: 'How often the collector queries the CRM audit objects.' }),
  ehrAudit: z
    .enum(EHR_AUDIT_MONITORING)
    .default(MONITORING_TEXT_DEFAULTS.ehrAudit)
    .meta({ description: 'EHR AuditEvents: stream (forwarder), nightly (bulk export), none.' }),
  logs: z.enum(LOG_MONITORING).default(MONITORING_TEXT_DEFAULTS.logs).meta({
    description:
      'Portal, integration (edge, outbound gateway), sync, mail, broker and MDM logs: forwarder, daily-batch, none.',
  }),
  forwarderFlush: durationText(false)
    .default(MONITORING_TEXT_DEFAULTS.forwarderFlush)
    .meta({ description: 'Log forwarder flush interval (Fluent Bit default 1s).' }),
  logRetention: durationText(false)
    .default(MONITORING_TEXT_DEFAULTS.logRetention)
    .meta({ description: 'Searchable retention of forwarded logs and of server access logs.' }),
  storageLogs: z.enum(STORAGE_LOG_MONITORING).default(MONITORING_TEXT_DEFAULTS.storageLogs).meta({
    description:
      'Object-store access: data-events (CloudTrail data events, minutes), server-access (server access logging, best effort, hours), none.',
  }),
})
  .prefault({})
  .meta({
    description: 'What the organisation collects and how; the default is the reference organisation.',
  });

export function toMonitoring(raw: z.output<typeof monitoringSchema>): Monitoring {
  return {
    crm: raw.crm,
    crmLogRetentionMs: ms(raw.crmLogRetention),
    crmAudit: raw.crmAudit,
    crmAuditPollMs: ms(raw.crmAuditPoll),
    ehrAudit: raw.ehrAudit,
    logs: raw.logs,
    forwarderFlushMs: ms(raw.forwarderFlush),
    logRetentionMs: ms(raw.logRetention),
    storageLogs: raw.storageLogs,
  };
}

const promptSchema = strict({
  module: text.meta({ description: 'Exercise module, e.g. Detection.' }),
  question: text.meta({ description: 'Discussion question for the table.' }),
  expected: text.meta({ description: 'The answer the plan expects.' }),
});

/** Builds the scenario file schema; allowed injector ids and their params come from `refs`. */
export function buildScenarioSchema(refs: ScenarioRefs) {
  return strict({
    id: kebabId.meta({ description: "Scenario id; must equal the file's base name." }),
    title: text.meta({ description: 'One line shown in lists and reports.' }),
    summary: text.meta({ description: 'What happens, in a paragraph.' }),
    severity: z.enum(SEVERITIES).meta({ description: 'How bad the simulated incident is.' }),
    hipaa: z.array(hipaaCitation).min(1).meta({ description: '45 CFR citations the scenario exercises.' }),
    attack: z.array(attackTechnique).default([]).meta({ description: 'MITRE ATT&CK technique ids.' }),
    estate: estateSchema(),
    background: z
      .enum(BACKGROUND_LEVELS)
      .default('normal')
      .meta({ description: 'Volume of ordinary traffic around the injects.' }),
    injects: z.array(injectSchema(refs)).min(1).meta({ description: 'Perturbations, each by one injector.' }),
    expectations: z
      .array(expectationSchema(refs))
      .min(1)
      .meta({ description: 'What should happen after each inject, keyed on type.' }),
    prompts: z.array(promptSchema).default([]).meta({ description: 'Tabletop discussion prompts.' }),
    monitoring: monitoringSchema,
    breach: breachSchema
      .optional()
      .meta({ description: 'Facts of the breach assessment beyond what the run measures.' }),
    infra: scenarioInfraSchema.optional(),
  })
    .meta({ title: 'phi-drill scenario', description: 'A breach drill: estate, injects and expectations.' })
    .transform((raw): Scenario => {
      const { steadyState, start, ...estate } = raw.estate;
      return {
        ...raw,
        monitoring: toMonitoring(raw.monitoring),
        estate: {
          ...estate,
          start: Date.parse(start),
          startText: start,
          steadyState,
          steadyStateMs: ms(steadyState),
        },
        injects: raw.injects.map(
          (inject): ScenarioInject => ({ ...inject, atMs: ms(inject.at), params: { ...inject.params } }),
        ),
        expectations: raw.expectations.map(toExpectation),
      };
    });
}

type RawExpectation = z.output<ReturnType<typeof expectationSchema>>;

function toExpectation(raw: RawExpectation): ScenarioExpectation {
  const withinMs = ms(raw.within);
  if (raw.type === 'notify') return { ...raw, withinMs, deadlineMs: ms(raw.deadline) };
  if (raw.type === 'log' && raw.investigateAfter !== undefined) {
    return { ...raw, withinMs, investigateAfterMs: ms(raw.investigateAfter) };
  }
  return { ...raw, withinMs };
}

/** Only called on durations the schema has already accepted. */
function ms(duration: string): number {
  return parseDuration(duration) ?? Number.NaN;
}
