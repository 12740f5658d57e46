import { z } from 'zod';
import { targetInfraSchema } from '../infra/infra-section.ts';
import { durationText, kebabId, strict } from '../scenario/fields.ts';
import { BUILT_IN_ENCODERS } from '../telemetry/encoders/index.ts';

const SYSTEMS = ['ehr', 'crm', 'portal', 'sync', 'storage', 'mail', 'integration', 'logs', 'mdm'] as const;
const positiveInt = z.int().positive();

/** Delivery settings every sink shares (see src/telemetry/sinks/sink-config.ts for defaults). */
const batching = {
  batchSize: positiveInt.optional(),
  flushIntervalMs: positiveInt.optional(),
  maxBuffer: positiveInt.optional(),
  maxAttempts: positiveInt.optional(),
  backoffMs: positiveInt.optional(),
  maxBackoffMs: positiveInt.optional(),
  closeTimeoutMs: positiveInt.optional(),
};

/** What every telemetry route has besides its sink: the format and which systems' events go there. */
const route = {
  id: kebabId.describe('Sink id, recorded with its delivery counts in the ledger'),
  encoder: z
    .enum(BUILT_IN_ENCODERS.map((encoder) => encoder.id) as [string, ...string[]])
    .describe('Record format'),
  systems: z.array(z.enum(SYSTEMS)).min(1).optional().describe('Only these systems’ events (default: all)'),
};

const http = {
  ...route,
  ...batching,
  type: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }),
  tokenEnv: z.string().min(1).optional().describe('Environment variable holding the token'),
  headers: z.record(z.string(), z.string()).optional(),
  headersFromEnv: z.record(z.string(), z.string()).optional(),
  requestTimeoutMs: positiveInt.optional(),
};

/** What every broker sink shares; credentials are named environment variables, never values. */
const broker = {
  ...route,
  ...batching,
  userEnv: z.string().min(1).optional().describe('Environment variable holding the user name'),
  passwordEnv: z.string().min(1).optional().describe('Environment variable holding the password'),
  ackTimeoutMs: positiveInt.optional(),
  connectTimeoutMs: positiveInt.optional(),
};

const telemetryRoute = z.discriminatedUnion('type', [
  strict({
    ...broker,
    type: z.literal('nats'),
    url: z.url({ protocol: /^nats$/ }).describe('nats://host:port, without credentials'),
    subject: z.string().min(1),
    stream: z.string().min(1).optional().describe('JetStream stream to create for the subject if missing'),
    tokenEnv: z.string().min(1).optional().describe('Environment variable holding a NATS token'),
  }),
  strict({
    ...broker,
    type: z.literal('amqp'),
    url: z.url({ protocol: /^amqps?$/ }).describe('amqp://host:port/vhost, without credentials'),
    exchange: z.string().min(1),
    routingKey: z.string(),
    declare: z.enum(['topic', 'direct', 'fanout']).optional().describe('Declare the exchange if missing'),
  }),
  strict({
    ...broker,
    type: z.literal('kafka'),
    brokers: z.array(z.string().regex(/^(\[[^\]]+\]|[^:[\]]+):\d{1,5}$/, 'host:port')).min(1),
    topic: z.string().min(1),
    clientId: z.string().min(1).optional(),
    ssl: z.boolean().optional(),
  }),
  strict({
    ...route,
    ...batching,
    type: z.literal('file'),
    path: z.string().min(1),
    maxBytes: positiveInt.optional(),
    keep: positiveInt.optional(),
  }),
  strict({
    ...route,
    ...batching,
    type: z.literal('syslog'),
    transport: z.enum(['udp', 'tcp']),
    host: z.string().min(1),
    port: z.int().min(1).max(65_535),
    facility: z.int().min(0).max(23).optional(),
    severity: z.int().min(0).max(7).optional(),
    hostname: z.string().optional(),
    appName: z.string().optional(),
    msgId: z.string().optional(),
    maxMessageBytes: positiveInt.optional(),
    connectTimeoutMs: positiveInt.optional(),
  }),
  z.discriminatedUnion('format', [
    strict({ ...http, format: z.literal('generic') }),
    strict({
      ...http,
      format: z.literal('splunk-hec'),
      host: z.string().optional(),
      source: z.string().optional(),
      sourcetype: z.string().optional(),
      index: z.string().optional(),
    }),
    strict({
      ...http,
      format: z.literal('elasticsearch'),
      index: z.string().min(1),
      bulkAction: z.enum(['index', 'create']).optional(),
    }),
  ]),
]);

const mapping = strict({
  rule: z.string().optional(),
  severity: z.string().optional(),
  summary: z.string().optional(),
  correlation: z.string().optional(),
  patientIds: z.string().optional(),
  control: z.string().optional(),
  severityMap: z.record(z.string(), z.enum(['low', 'medium', 'high', 'critical'])).optional(),
}).describe('JSON pointers (/a/b) or dotted paths (a.b) into each alert');

const intakeBase = {
  id: kebabId,
  mapping: mapping.optional(),
  deliver: z
    .enum(['signals', 'notices'])
    .optional()
    .describe('Alerts become signals; e-mails become notices (default by type)'),
};

const intake = z.discriminatedUnion('type', [
  strict({
    ...intakeBase,
    type: z.literal('webhook'),
    port: z.int().min(0).max(65_535).optional(),
    path: z.string().startsWith('/').optional(),
    secretEnv: z.string().min(1).optional(),
    maxBytes: positiveInt.optional(),
  }),
  strict({
    ...intakeBase,
    type: z.literal('command'),
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    intervalMs: positiveInt,
    timeoutMs: positiveInt,
    envPassthrough: z.array(z.string()).optional(),
    maxOutputBytes: positiveInt.optional(),
  }),
  strict({
    ...intakeBase,
    type: z.literal('file'),
    path: z.string().min(1),
    pollMs: positiveInt.optional(),
    startAt: z.enum(['start', 'end']).optional(),
    maxLineBytes: positiveInt.optional(),
  }),
  strict({
    ...intakeBase,
    type: z.literal('smtp'),
    port: z.int().min(0).max(65_535).optional(),
    maxBytes: positiveInt.optional(),
    auth: strict({ userEnv: z.string().min(1), passwordEnv: z.string().min(1) }).optional(),
  }),
  strict({ ...intakeBase, type: z.literal('manual') }),
]);

/** A target file: where a drill sends telemetry and how the user's own stack answers. */
export const targetSchema = strict({
  id: kebabId.describe('Name of this target'),
  description: z.string().optional(),
  allowHosts: z
    .array(z.string().min(1))
    .default([])
    .describe('Non-loopback hosts telemetry may be sent to, by name; nothing else leaves the machine'),
  disableControls: z.array(kebabId).default([]).describe('Built-in controls your own stack replaces'),
  expectations: z
    .record(
      kebabId,
      strict({
        within: durationText(false).optional().describe('Window in real time, replacing the scenario’s'),
        match: strict({
          control: kebabId.optional().describe('A built-in control id or one of your intake ids'),
          rule: z.string().min(1).optional(),
          correlation: z.string().min(1).optional().describe('`$inject`: the inject’s drill correlation id'),
          minSeverity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
        })
          .refine((m) => Boolean(m.control || m.rule || m.correlation), {
            message: 'an empty selector matches nothing: give control, rule or correlation',
            params: { problem: 'empty-selector' },
          })
          .optional()
          .describe('For detect expectations: which of your alerts count'),
      }),
    )
    .default({})
    .describe('Per expectation id: your SLA and which of your alerts satisfy it'),
  schedule: strict({
    steadyState: durationText(true).optional().describe('Replaces the scenario’s steady state (real time!)'),
    injects: z
      .record(kebabId, durationText(true))
      .optional()
      .describe('Offset per inject id after the steady state'),
  })
    .default({})
    .describe('Real-clock drills run in real time: shorten the timeline here'),
  correlation: strict({
    surface: z
      .array(z.enum(['header', 'user-agent']))
      .default(['header'])
      .describe('Where inject traffic carries the drill correlation id (X-PhiDrill-Correlation, User-Agent)'),
  }).default({ surface: ['header'] }),
  breachClock: strict({
    compress: z
      .int()
      .min(1)
      .max(10_000_000)
      .default(1)
      .describe(
        'Legal-clock seconds per drill second: 864000 runs 60 days of notification deadlines in 6 s; every window is scaled alike and each notice verdict says so',
      ),
  })
    .default({ compress: 1 })
    .describe('Run the breach notification clock compressed, so notices can be judged in minutes'),
  background: strict({
    level: z
      .enum(['off', 'light', 'normal', 'heavy'])
      .optional()
      .describe('Replaces the scenario’s background level'),
    scale: z
      .number()
      .min(1)
      .max(3600)
      .default(1)
      .describe(
        'Background events per real second relative to the real rate: 60 plays an hour of clinic traffic per minute; stated in the report',
      ),
  })
    .default({ scale: 1 })
    .describe(
      'The everyday traffic your rules must not fire on, flowing to your sinks before and after each inject',
    ),
  estate: strict({
    serve: z
      .boolean()
      .default(true)
      .describe(
        'Serve the estate on loopback for your responders (OAuth revoke, portal sign-out, queue purge)',
      ),
    port: z.int().min(0).max(65535).default(0).describe('Loopback port (0: any free port, printed at start)'),
  })
    .default({ serve: true, port: 0 })
    .describe('Containment happens through the estate’s own interfaces, judged from its state'),
  witness: strict({
    timestamp: strict({
      url: z
        .url({ protocol: /^https?$/ })
        .describe('RFC 3161 time-stamping authority (loopback or a host in allowHosts)'),
      timeoutMs: positiveInt.default(10_000),
    })
      .optional()
      .describe(
        'Timestamp the ledger head at close; the token is kept beside the ledger and checked by verify',
      ),
  })
    .default({})
    .describe('Witnesses outside the run folder: every telemetry sink also receives the ledger head'),
  telemetry: z.array(telemetryRoute).default([]),
  intakes: z.array(intake).default([]),
  infra: targetInfraSchema.optional(),
});

export type TargetInput = z.input<typeof targetSchema>;
export type Target = z.output<typeof targetSchema>;
export type TelemetryRoute = Target['telemetry'][number];
export type TargetIntake = Target['intakes'][number];
