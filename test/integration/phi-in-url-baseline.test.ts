import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogScenario, drill, statusOf } from './drill-harness.ts';

describe('phi-in-url with the finder left on POST (the fixed release)', () => {
  it('leaks nothing, so url-phi-scanner raises nothing and the detection is missed', async () => {
    const { scenario } = await catalogScenario('phi-in-url');
    const injects = scenario.injects.map((inject) => ({
      ...inject,
      params: { ...inject.params, method: 'post' },
    }));
    const { report, folder } = await drill('phi-in-url', { scenario: { ...scenario, injects } });
    expect(statusOf(report)['detect-referer']).toBe('missed');
    const ledger = (await readFile(join(folder, 'ledger.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string });
    expect(ledger.filter((entry) => entry.kind === 'signal')).toEqual([]);
    expect(ledger.filter((entry) => entry.kind === 'exposure')).toEqual([]);
  });
});
