import type { InfraSection, TargetInfraSection } from '../infra/infra-section.ts';
import type { Registry } from '../registry.ts';
import type { Scenario } from '../scenario/types.ts';
import { loadTargetFile } from '../target/loader.ts';
import type { InfraFlags } from './infra-options.ts';
import { isFile } from './load-scenarios.ts';

export type MergedInfra = { ok: true; flags: InfraFlags } | { ok: false; error: string };

/**
 * The run's infrastructure from the command line, the target file and the scenario files, in that
 * order of precedence. A provider given with `--infra` replaces the files' choice outright; a
 * file's namespace and allowForeign still apply unless the flag chose memory (where they mean
 * nothing). Scenarios run together must agree, or the user must choose.
 */
export function mergeInfra(
  flags: InfraFlags,
  scenarios: readonly Pick<Scenario, 'id' | 'infra'>[],
  target?: TargetInfraSection,
): MergedInfra {
  const fromFiles = target ? { section: target } : agreed(scenarios);
  if ('error' in fromFiles && flags.infra === undefined) return { ok: false, error: fromFiles.error };
  const file: InfraSection | undefined = 'section' in fromFiles ? fromFiles.section : undefined;
  const urlsFromEnv = target?.urlsFromEnv;
  if (flags.infra !== undefined) {
    if (flags.infra === 'memory' || !file) return { ok: true, flags: { ...flags, urlsFromEnv } };
    return {
      ok: true,
      flags: {
        ...flags,
        'infra-namespace': flags['infra-namespace'] ?? file.namespace,
        'infra-allow-foreign': flags['infra-allow-foreign'] ?? file.allowForeign,
        urlsFromEnv,
      },
    };
  }
  if (!file) return { ok: true, flags };
  return {
    ok: true,
    flags: {
      infra: file.provider,
      'infra-namespace': flags['infra-namespace'] ?? file.namespace,
      'infra-allow-foreign': flags['infra-allow-foreign'] ?? file.allowForeign,
      urlsFromEnv,
    },
  };
}

function agreed(
  scenarios: readonly Pick<Scenario, 'id' | 'infra'>[],
): { section?: InfraSection } | { error: string } {
  const choices = new Map<string, string[]>();
  for (const { id, infra } of scenarios) {
    const key = JSON.stringify(infra ?? { provider: 'memory' });
    choices.set(key, [...(choices.get(key) ?? []), id]);
  }
  if (choices.size > 1) {
    const listed = [...choices]
      .map(([key, ids]) => `${ids.join(', ')}: ${(JSON.parse(key) as InfraSection).provider}`)
      .join('; ');
    return { error: `the scenarios ask for different infra (${listed}); choose one with --infra` };
  }
  return { section: scenarios[0]?.infra };
}

/** The target file's `infra:` section, or `invalid` when the file does not load (reported later). */
export async function targetInfraSection(
  path: string,
  registry: Registry,
): Promise<TargetInfraSection | undefined | 'invalid'> {
  if (!(await isFile(path))) return 'invalid';
  const loaded = await loadTargetFile(path, new Set(registry.controls.keys()));
  return loaded.ok ? loaded.target.infra : 'invalid';
}
