import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeInfra } from '../../src/cli/infra-from-files.ts';
import { runCommand } from '../../src/cli/run-command.ts';
import { createRegistry, scenarioRefs } from '../../src/registry.ts';
import { loadScenarioText } from '../../src/scenario/loader.ts';
import { loadTargetText } from '../../src/target/loader.ts';

const base = await readFile('scenarios/sync-failure.yaml', 'utf8');
const withInfra = (section: string) => `${base.trimEnd()}\n${section}\n`;
const controls = new Set(createRegistry().controls.keys());
const located = (problems: readonly { line: number; col: number; path: string; code: string }[]) =>
  problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.path}`);

describe('infra section in scenario files', () => {
  it('reads provider, namespace and allowForeign', () => {
    const loaded = loadScenarioText(
      withInfra('infra: { provider: services, namespace: qa_staging, allowForeign: true }'),
      'sync-failure.yaml',
      scenarioRefs,
    );
    if (!loaded.ok) throw new Error(loaded.problems[0]!.message);
    expect(loaded.scenario.infra).toEqual({
      provider: 'services',
      namespace: 'qa_staging',
      allowForeign: true,
    });
  });

  it('locates an unknown provider, a bad namespace and an unknown key', () => {
    const text = withInfra('infra:\n  provider: docker\n  namespace: Bad-Name\n  urls: x');
    const lines = text.split('\n').length;
    const loaded = loadScenarioText(text, 'sync-failure.yaml', scenarioRefs);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const at = (row: number) => lines - 4 + row;
    expect(located(loaded.problems)).toEqual([
      expect.stringMatching(new RegExp(`^${at(1)}:13 .* infra\\.provider$`)),
      expect.stringMatching(new RegExp(`^${at(2)}:14 .* infra\\.namespace$`)),
      expect.stringMatching(new RegExp(`^${at(3)}:3 unknown-key infra\\.urls$`)),
    ]);
  });
});

describe('infra settings that need real servers', () => {
  it('refuses a namespace on memory and URL variables on containers, located', () => {
    const scenario = loadScenarioText(
      withInfra('infra:\n  provider: memory\n  namespace: qa'),
      'sync-failure.yaml',
      scenarioRefs,
    );
    expect(scenario.ok).toBe(false);
    if (!scenario.ok) {
      expect(scenario.problems.map((p) => `${p.path} ${p.message}`)).toEqual([
        'infra.namespace namespace needs provider services or containers, not memory',
      ]);
    }
    const target = loadTargetText(
      'id: t\ninfra:\n  provider: containers\n  urlsFromEnv: { redis: MY_REDIS }\n',
      'target.yaml',
      controls,
    );
    expect(target.ok).toBe(false);
    if (!target.ok)
      expect(located(target.problems)).toEqual([expect.stringMatching(/^4:16 .* infra\.urlsFromEnv$/)]);
  });
});

describe('infra section in target files', () => {
  it('takes the service URLs from environment variables the user names', () => {
    const loaded = loadTargetText(
      'id: staging\ninfra:\n  provider: services\n  urlsFromEnv: { postgres: STAGING_PG_URL, redis: STAGING_REDIS_URL }\n',
      'target.yaml',
      controls,
    );
    expect(loaded.ok && loaded.target.infra).toEqual({
      provider: 'services',
      urlsFromEnv: { postgres: 'STAGING_PG_URL', redis: 'STAGING_REDIS_URL' },
    });
  });

  it('refuses a literal URL where an environment variable name belongs, located', () => {
    const loaded = loadTargetText(
      'id: staging\ninfra:\n  provider: services\n  urlsFromEnv:\n    postgres: postgres://admin:hunter2@db:5432/x\n',
      'target.yaml',
      controls,
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(located(loaded.problems)).toEqual([
      expect.stringMatching(/^5:15 .* infra\.urlsFromEnv\.postgres$/),
    ]);
    expect(loaded.problems[0]!.message).toMatch(/name an environment variable/);
  });
});

describe('which infra a run uses', () => {
  const services = { provider: 'services' as const, namespace: 'from_file' };
  it('takes the target over the scenarios and the flag over both', () => {
    const scenarios = [{ id: 'a', infra: { provider: 'containers' as const } }];
    expect(mergeInfra({}, scenarios, services)).toEqual({
      ok: true,
      flags: { infra: 'services', 'infra-namespace': 'from_file', urlsFromEnv: undefined },
    });
    expect(mergeInfra({}, scenarios)).toMatchObject({ ok: true, flags: { infra: 'containers' } });
    expect(mergeInfra({ infra: 'memory' }, scenarios, services)).toEqual({
      ok: true,
      flags: { infra: 'memory', urlsFromEnv: undefined },
    });
    expect(mergeInfra({ infra: 'containers', 'infra-namespace': 'mine' }, [], services)).toMatchObject({
      flags: { infra: 'containers', 'infra-namespace': 'mine' },
    });
  });
  it('asks the user to choose when scenarios run together disagree', () => {
    const result = mergeInfra({}, [{ id: 'a', infra: { provider: 'services' } }, { id: 'b' }]);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/a: services; b: memory\); choose one with --infra/),
    });
    expect(
      mergeInfra({ infra: 'memory' }, [{ id: 'a', infra: { provider: 'services' } }, { id: 'b' }]).ok,
    ).toBe(true);
  });
});

describe('phi-drill run with an infra section', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'phi-drill-infra-section-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  async function run(args: string[], env: Record<string, string> = {}) {
    let stderr = '';
    const code = await runCommand(
      [...args, '--out', join(folder, 'reports')],
      {
        stdout: { write: () => true },
        stderr: { write: (chunk: string) => (stderr += chunk) },
        isTTY: false,
        env: { NO_COLOR: '1', ...env },
        cwd: folder,
      },
      createRegistry(),
    );
    return { code, stderr };
  }

  it('connects to what the file asks for, naming the target’s own variable when it is unset', async () => {
    const scenario = join(folder, 'sync-failure.yaml');
    await writeFile(scenario, base);
    const target = join(folder, 'target.yaml');
    await writeFile(
      target,
      'id: staging\ninfra:\n  provider: services\n  urlsFromEnv: { postgres: STAGING_PG_URL }\n',
    );
    const result = await run([scenario, '--target', target]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--infra services needs STAGING_PG_URL .*nothing was run/);
  });

  it('lets --infra override the scenario file', async () => {
    const scenario = join(folder, 'sync-failure.yaml');
    await writeFile(scenario, withInfra('infra: { provider: services }'));
    const fromFile = await run([scenario]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/--infra services needs PHI_DRILL_POSTGRES_URL/);
    // The flag wins: on memory a --hold is refused for want of real servers, not for want of a target.
    const overridden = await run([scenario, '--infra', 'memory', '--hold', '1m']);
    expect(overridden.code).toBe(2);
    expect(overridden.stderr).toMatch(/--hold needs --infra services or containers/);
  });
});
