import { z } from 'zod';
import { strict } from '../scenario/fields.ts';
import { INFRA_KINDS, type InfraKind } from './kinds.ts';
import { checkNamespace } from './names.ts';
import { SERVICE_ENV, type ServiceName } from './service-urls.ts';

/** Where a scenario or target file asks its data plane to live; `--infra …` flags override it. */
export interface InfraSection {
  provider: InfraKind;
  namespace?: string;
  allowForeign?: boolean;
}

/** A target's section may also say which environment variables hold its own systems' URLs. */
export interface TargetInfraSection extends InfraSection {
  urlsFromEnv?: Partial<Record<ServiceName, string>>;
}

const namespace = z
  .string()
  .superRefine((text, context) => {
    const problem = checkNamespace(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'Schema, queue and key prefix to use (default: one per run id).' });

const base = {
  provider: z.enum(INFRA_KINDS).meta({
    description:
      'memory (default), services (URLs from environment variables) or containers (testcontainers).',
  }),
  namespace: namespace.optional(),
  allowForeign: z
    .boolean()
    .optional()
    .meta({ description: 'Write into a namespace holding data phi-drill did not create.' }),
};

/** Settings that only mean something on real servers, located where they were written. */
function onlyOnServers(
  section: { provider: InfraKind; namespace?: string; allowForeign?: boolean; urlsFromEnv?: object },
  context: z.core.$RefinementCtx,
) {
  if (section.provider === 'services') return;
  const keys = ['namespace', 'allowForeign', 'urlsFromEnv'] as const;
  for (const key of keys) {
    if (section[key] === undefined) continue;
    if (key !== 'urlsFromEnv' && section.provider === 'containers') continue;
    context.addIssue({
      code: 'custom',
      path: [key],
      message: `${key} needs provider ${key === 'urlsFromEnv' ? 'services' : 'services or containers'}, not ${section.provider}`,
    });
  }
}

/** The `infra:` section of a scenario file. */
export const scenarioInfraSchema = strict(base).superRefine(onlyOnServers).meta({
  description: 'Where the data plane lives (staging table, queues, portal sessions); --infra overrides it.',
});

// A URL, password or token written into the file would end up in the repository: only names.
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const envName = z.string().regex(ENV_NAME, {
  message: 'name an environment variable (e.g. STAGING_POSTGRES_URL), never the URL or a secret itself',
});

/** The `infra:` section of a target file: the user's own staging systems, by environment variable. */
export const targetInfraSchema = strict({
  ...base,
  urlsFromEnv: strict({
    postgres: envName.optional().meta({ description: `Replaces ${SERVICE_ENV.postgres}.` }),
    amqp: envName.optional().meta({ description: `Replaces ${SERVICE_ENV.amqp}.` }),
    redis: envName.optional().meta({ description: `Replaces ${SERVICE_ENV.redis}.` }),
  })
    .optional()
    .meta({ description: 'Environment variables holding your staging systems’ connection URLs.' }),
})
  .superRefine(onlyOnServers)
  .meta({
    description: 'Where the data plane lives for drills against this target; --infra overrides it.',
  });
