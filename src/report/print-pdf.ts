import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fsyncFile } from '../evidence/durable-write.ts';

export { type Browser, findBrowser } from '../browser/find-browser.ts';

const TIMEOUT_MS = 60_000;

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

function reason(error: unknown): string {
  const failed = error as { killed?: boolean; code?: unknown; message?: string };
  if (failed.killed) return `no PDF after ${TIMEOUT_MS / 1000} s`;
  if (typeof failed.code === 'number') return `exit code ${failed.code}`;
  return failed.message ?? String(error);
}
