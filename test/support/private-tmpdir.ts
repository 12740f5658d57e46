import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest global setup for every tier: the test processes, and every CLI and browser they start,
 * get one private temporary folder (TMPDIR, which os.tmpdir() reads) that is removed when the run
 * ends, so a test that forgets its own clean-up cannot leave folders in the machine's temp dir.
 * Leftovers are named on the way out so the test that left them can be fixed.
 */
export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'phi-drill-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    const left = readdirSync(root);
    if (left.length > 0 && process.env.PHI_DRILL_REPORT_TEMP_LEAKS) {
      process.stderr.write(`temp folders left by tests (removed): ${left.join(', ')}\n`);
    }
    rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
