import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';

describe('phi-drill matrix: bad input', () => {
  it('refuses an unknown monitoring configuration with the known ones, exit 2, nothing run', async () => {
    const result = await cli(['matrix', 'scenarios/fls-overexposure.yaml', '--config', 'splunk-magic']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'unknown monitoring configuration "splunk-magic"; known: reference, elf-hourly, elf-daily, ehr-nightly, logs-daily',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a bad --jobs and an unknown option', async () => {
    expect((await cli(['matrix', '--jobs', '0'])).stderr).toContain('--jobs must be an integer from 1 to 64');
    const unknown = await cli(['matrix', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: phi-drill matrix');
  });

  it('prints its usage on --help, exit 0', async () => {
    const result = await cli(['matrix', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('default: reference, elf-hourly, elf-daily, ehr-nightly, logs-daily');
  });
});
