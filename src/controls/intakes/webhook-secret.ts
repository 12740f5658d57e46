import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WebhookSecret {
  readonly value: string;
  /** How the sender obtains the secret, safe to print: an env var name or a private file path. */
  readonly source: string;
  /** Where a generated secret was written (undefined when it came from the environment). */
  readonly file?: string;
  dispose(): Promise<void>;
}

/**
 * The HMAC secret for one run: from the named environment variable when set; otherwise a random one
 * written to a 0600 file in a private temporary folder (never to the evidence folder, which is
 * shared, and never to a log), removed when the intake closes.
 */
export async function resolveWebhookSecret(
  id: string,
  secretEnv: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<WebhookSecret> {
  const given = secretEnv ? env[secretEnv] : undefined;
  if (given) return { value: given, source: `env ${secretEnv}`, dispose: async () => {} };
  const folder = await mkdtemp(join(tmpdir(), `phi-drill-${id}-`));
  const file = join(folder, 'webhook-secret');
  const value = randomBytes(32).toString('hex');
  await writeFile(file, value, { mode: 0o600 });
  const why = secretEnv ? `${secretEnv} is unset, so ` : '';
  return {
    value,
    file,
    source: `${why}generated for this run: read it from ${file}`,
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}
