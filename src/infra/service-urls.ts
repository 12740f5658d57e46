/** The environment variables the `services` provider reads, one per system. */
export const SERVICE_ENV = {
  postgres: 'PHI_DRILL_POSTGRES_URL',
  amqp: 'PHI_DRILL_AMQP_URL',
  redis: 'PHI_DRILL_REDIS_URL',
} as const;

/** Hosts beyond loopback a run may write to, comma-separated (the user's own staging systems). */
export const ALLOW_HOSTS_ENV = 'PHI_DRILL_INFRA_ALLOW_HOSTS';

export type ServiceName = keyof typeof SERVICE_ENV;

export interface ServiceUrls {
  postgres: string;
  amqp: string;
  redis: string;
}

const PROTOCOLS: Record<ServiceName, readonly string[]> = {
  postgres: ['postgres:', 'postgresql:'],
  amqp: ['amqp:', 'amqps:'],
  redis: ['redis:', 'rediss:'],
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type UrlsResult = { ok: true; urls: ServiceUrls } | { ok: false; error: string };

/**
 * Reads and checks the three connection URLs: each present, parseable, of the right scheme, and on
 * loopback unless its host is allow-listed. Errors name the variable, never echo a password.
 */
export function readServiceUrls(
  env: Readonly<Record<string, string | undefined>>,
  variables: Partial<Record<ServiceName, string>> = {},
): UrlsResult {
  const allowed = new Set(
    (env[ALLOW_HOSTS_ENV] ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  );
  const urls: Partial<ServiceUrls> = {};
  for (const name of Object.keys(SERVICE_ENV) as ServiceName[]) {
    const variable = variables[name] ?? SERVICE_ENV[name];
    const text = env[variable];
    if (!text) return { ok: false, error: `--infra services needs ${variable} (e.g. ${example(name)})` };
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, error: `${variable} is not a URL (e.g. ${example(name)})` };
    }
    if (!PROTOCOLS[name].includes(url.protocol)) {
      return {
        ok: false,
        error: `${variable} must start with ${PROTOCOLS[name].map((p) => `${p}//`).join(' or ')}, got ${url.protocol}//`,
      };
    }
    const host = url.hostname.toLowerCase();
    if (!LOOPBACK.has(host) && !allowed.has(host)) {
      return {
        ok: false,
        error: `${variable} points at ${host}, which is not loopback; list it in ${ALLOW_HOSTS_ENV} to drill it`,
      };
    }
    urls[name] = text;
  }
  return { ok: true, urls: urls as ServiceUrls };
}

/** A URL with any password replaced, for messages and the ledger. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function example(name: ServiceName): string {
  return {
    postgres: 'postgres://postgres@127.0.0.1:5432/postgres',
    amqp: 'amqp://guest:guest@127.0.0.1:5672',
    redis: 'redis://127.0.0.1:6379',
  }[name];
}
