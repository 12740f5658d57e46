import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keysCommand } from '../../src/cli/keys-command.ts';
import { verifyCommand } from '../../src/cli/verify-command.ts';
import { cli } from '../cli/cli-harness.ts';

const made: string[] = [];
async function tmp(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'phi-drill-keys-'));
  made.push(folder);
  return folder;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A command run in this process with its own environment, as the shell would give it. */
async function inProcess(
  command: typeof keysCommand,
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await command(argv, {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    env,
    cwd: env.HOME!,
  });
  return { code, ...out };
}

describe('phi-drill keys, run and verify: evidence authenticated by the organisation key', () => {
  it('generates a private key only its owner can read, trusts it, signs a drill with it and verifies the drill (exit 0)', async () => {
    const home = await tmp();
    const trust = join(home, 'phi-drill-trust.json');
    const env = { HOME: home, XDG_CONFIG_HOME: '', PHI_DRILL_TRUST_FILE: trust };
    const generated = await inProcess(keysCommand, ['generate', '--name', 'Acme Health IR'], env);
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    const keyFile = join(home, '.config', 'phi-drill', 'signing-key.pem');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(trust, 'utf8')).not.toMatch(/PRIVATE/);
    expect(generated.stdout).toMatch(/fingerprint {2}SHA256:[0-9a-f ]{39}/);
    expect((await inProcess(keysCommand, ['generate'], env)).stderr).toMatch(
      /already exists; a signing key is never overwritten/,
    );
    expect((await inProcess(keysCommand, ['list'], env)).stdout).toMatch(
      /Acme Health IR[\s\S]*runs here sign with SHA256:/,
    );

    // The real CLI finds the key in the default location, as it would on a responder's machine.
    const out = join(home, 'reports');
    const run = await cli(
      ['run', 'scenarios/portal-session-reuse.yaml', '--patients', '100', '--out', out],
      env,
    );
    expect(run.code).toBe(0);
    const drill = join(out, readdirSync(out)[0]!);
    for (const file of ['summary.json', 'index.md', 'index.html', 'junit.xml', 'drill.sig.json']) {
      expect(existsSync(join(drill, file)), file).toBe(true);
    }
    const verified = await inProcess(verifyCommand, [drill], env);
    expect(verified.stdout).toMatch(/^VERIFIED .*\(1 run\(s\)/);
    expect(verified.code).toBe(0);
    expect((await inProcess(verifyCommand, [join(drill, 'portal-session-reuse')], env)).code).toBe(0);

    expect((await inProcess(verifyCommand, [drill, '--trust', join(home, 'absent.json')], env)).code).toBe(2);
    const summary = join(drill, 'summary.json');
    writeFileSync(summary, readFileSync(summary, 'utf8').replace('"exitCode": 0', '"exitCode": 1'));
    const edited = await inProcess(verifyCommand, [drill], env);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/summary.json: sha256 \w+ does not match/);
  });

  it('refuses a signing key file that group or others can read, before the run starts', async () => {
    const home = await tmp();
    const keyFile = join(home, 'key.pem');
    const env = {
      HOME: home,
      PHI_DRILL_SIGNING_KEY_FILE: keyFile,
      PHI_DRILL_TRUST_FILE: join(home, 't.json'),
    };
    expect((await inProcess(keysCommand, ['generate'], env)).code).toBe(0);
    chmodSync(keyFile, 0o644);
    const run = await cli(
      ['run', 'scenarios/portal-session-reuse.yaml', '--patients', '100', '--out', home],
      env,
    );
    expect(run.stderr).toMatch(/readable by group or others \(mode 644\); chmod 600 it/);
    expect(run.code).not.toBe(0);
  });
});
