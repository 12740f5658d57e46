import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fsyncFile } from '../evidence/durable-write.ts';

/** Browsers that print a page to PDF headless, in the order they are looked for on PATH. */
const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const TIMEOUT_MS = 60_000;

export type Browser = { path: string } | { problem: string };

/**
 * The browser to print with: `PHI_DRILL_CHROMIUM` names one (or `off` turns printing off),
 * otherwise the first Chromium on PATH.
 */
export function findBrowser(env: Readonly<Record<string, string | undefined>>): Browser {
  const chosen = env.PHI_DRILL_CHROMIUM?.trim();
  if (chosen === 'off') return { problem: 'printing is off (PHI_DRILL_CHROMIUM=off)' };
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

/**
 * Prints a local HTML file to PDF with headless Chromium and fsyncs the result. The page is opened
 * from disk with every host name resolving to nothing and Chromium's background services off, so
 * printing sends nothing over the network. Resolves with a reason instead of rejecting: a missing
 * paper copy must never cost the drill its evidence.
 */
export async function printToPdf(
  browser: string,
  html: string,
  pdf: string,
): Promise<{ ok: true } | { ok: false; problem: string }> {
  const profile = await mkdtemp(join(tmpdir(), 'phi-drill-print-'));
  const args = [
    '--headless',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdf}`,
    // Chromium refuses to run as root inside its own sandbox.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    pathToFileURL(html).href,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(browser, args, { timeout: TIMEOUT_MS, killSignal: 'SIGKILL' }, (error) =>
        error ? reject(error) : resolve(),
      );
    });
    if (!readFileSync(pdf).subarray(0, 5).equals(Buffer.from('%PDF-'))) {
      await rm(pdf, { force: true });
      return { ok: false, problem: `${browser} wrote no PDF` };
    }
    fsyncFile(pdf);
    return { ok: true };
  } catch (error) {
    // Whatever a failed print left behind is not the report: it must not sit beside the evidence.
    await rm(pdf, { force: true });
    return { ok: false, problem: `${browser} could not print: ${reason(error)}` };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  const failed = error as { killed?: boolean; code?: unknown; message?: string };
  if (failed.killed) return `no PDF after ${TIMEOUT_MS / 1000} s`;
  if (typeof failed.code === 'number') return `exit code ${failed.code}`;
  return failed.message ?? String(error);
}
