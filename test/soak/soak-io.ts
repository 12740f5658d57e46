import { soakCommand } from '../../src/cli/soak-command.ts';
import { createRegistry } from '../../src/registry.ts';
import type { SoakReport } from '../../src/soak/soak.ts';

export interface SoakOutcome {
  code: number;
  stdout: string;
  stderr: string;
  /** The parsed report, when the soak got as far as printing one with --json. */
  report?: SoakReport;
}

/** `phi-drill soak …` in this process, as CI would run it (no terminal). */
export async function runSoak(args: string[], env: Record<string, string> = {}): Promise<SoakOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await soakCommand(
    args,
    {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      isTTY: false,
      env: { ...process.env, ...env },
      cwd: process.cwd(),
    },
    createRegistry(),
  );
  const report = args.includes('--json') && stdout ? (JSON.parse(stdout) as SoakReport) : undefined;
  return { code, stdout, stderr, report };
}

/** An hour of heavy traffic in about a second: enough events at any time of day, quick to replay. */
export const QUICK = ['--duration', '1h', '--speed', '3600', '--level', 'heavy', '--patients', '50'];
