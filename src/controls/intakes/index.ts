import { startCommandIntake } from './command.ts';
import type { IntakeConfig, IntakeDeps } from './config.ts';
import { startFileIntake } from './file.ts';
import type { RunningIntake } from './intake.ts';
import { createManualIntake } from './manual.ts';
import { startSmtpIntake } from './smtp.ts';
import { startWebhookIntake } from './webhook.ts';

/**
 * Starts the intake a target file describes. Resolves once it is listening (or following, or
 * polling); rejects, without leaving anything running, when it cannot start (port taken, AUTH
 * environment missing).
 */
export function startIntake(config: IntakeConfig, deps: IntakeDeps): Promise<RunningIntake> {
  switch (config.type) {
    case 'webhook':
      return startWebhookIntake(config, deps);
    case 'command':
      return startCommandIntake(config, deps);
    case 'file':
      return startFileIntake(config, deps);
    case 'smtp':
      return startSmtpIntake(config, deps);
    case 'manual':
      return Promise.resolve(
        createManualIntake({
          id: config.id,
          input: deps.console?.input ?? process.stdin,
          output: deps.console?.output ?? process.stdout,
          clock: deps.clock,
          sink: deps.sink,
        }),
      );
  }
}
