import type { Target } from './schema.ts';

/**
 * Every environment variable the target names for a secret (sink tokens and headers, SMTP AUTH) that
 * is unset or empty, with where it is used: checked before a drill starts, so a missing export
 * fails at once instead of leaving a half-created run behind.
 */
export function missingSecrets(
  target: Target,
  env: Readonly<Record<string, string | undefined>>,
): Array<{ variable: string; usedBy: string }> {
  const wanted: Array<{ variable: string; usedBy: string }> = [];
  for (const route of target.telemetry) {
    if (route.type !== 'http') continue;
    if (route.tokenEnv) wanted.push({ variable: route.tokenEnv, usedBy: `telemetry ${route.id} tokenEnv` });
    for (const [header, variable] of Object.entries(route.headersFromEnv ?? {}))
      wanted.push({ variable, usedBy: `telemetry ${route.id} header ${header}` });
  }
  for (const intake of target.intakes) {
    if (intake.type !== 'smtp' || !intake.auth) continue;
    wanted.push({ variable: intake.auth.userEnv, usedBy: `intake ${intake.id} auth.userEnv` });
    wanted.push({ variable: intake.auth.passwordEnv, usedBy: `intake ${intake.id} auth.passwordEnv` });
  }
  return wanted.filter(({ variable }) => !env[variable]);
}
