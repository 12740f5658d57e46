import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';

/** Chromium builds that run headless, in the order they are looked for on PATH. */
const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
export type Browser = { path: string } | { problem: string };

/**
 * The Chromium to drive (print reports, run the portal): `PHI_DRILL_CHROMIUM` names one (or `off` turns browser use off),
 * otherwise the first Chromium on PATH.
 */
export function findBrowser(
  env: Readonly<Record<string, string | undefined>>,
  purpose = 'printing',
): Browser {
  const chosen = env.PHI_DRILL_CHROMIUM?.trim();
  if (chosen === 'off') return { problem: `${purpose} is off (PHI_DRILL_CHROMIUM=off)` };
  // A path is taken as it is; a bare name is looked up on PATH, as a shell would.
  const found = chosen?.includes(sep)
    ? [chosen].find(executable)
    : onPath(chosen ? [chosen] : CANDIDATES, env.PATH ?? '');
  if (found) return { path: found };
  if (chosen)
    return {
      problem: `PHI_DRILL_CHROMIUM=${chosen} ${chosen.includes(sep) ? 'is not an executable' : 'is not on PATH'}`,
    };
  return { problem: 'no Chromium on PATH (install chromium, or set PHI_DRILL_CHROMIUM to its path)' };
}

function onPath(names: readonly string[], path: string): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const name of names) {
      if (executable(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
