import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/registry.ts';
import { loadScenarioFile } from '../../src/scenario/loader.ts';

const dir = mkdtempSync(join(tmpdir(), 'encryption-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { refs } = createRegistry();

async function load(params: string, breach: string) {
  const file = join(dir, 'lost-phone.yaml');
  writeFileSync(
    file,
    `id: lost-phone
title: Lost phone
summary: A phone is lost.
severity: high
hipaa: ['164.310(d)(1)']
injects:
  - { id: lost, at: 1h, injector: lost-mobile-device, params: ${params} }
expectations:
  - { id: wiped, type: contain, inject: lost, within: 3h, condition: device-wiped }
breach:
${breach}
`,
  );
  return loadScenarioFile(file, refs);
}

describe('breach.encrypted follows the lost device’s real encryption', () => {
  it('accepts facts that agree with the device', async () => {
    expect((await load('{ deviceEncrypted: true }', '  phiTypes: [name]\n  encrypted: true')).ok).toBe(true);
    expect((await load('{}', '  phiTypes: [name]')).ok).toBe(true);
  });

  it('locates a breach.encrypted the device contradicts, and a missing one on an encrypted device', async () => {
    const claimed = await load('{ deviceEncrypted: false }', '  phiTypes: [name]\n  encrypted: true');
    expect(claimed.ok ? [] : claimed.problems.map(({ code, line, path }) => ({ code, line, path }))).toEqual([
      { code: 'bad-value', line: 12, path: 'breach.encrypted' },
    ]);
    const silent = await load('{ deviceEncrypted: true }', '  phiTypes: [name]');
    expect(
      silent.ok ? [] : silent.problems.map(({ code, path, message }) => ({ code, path, message })),
    ).toEqual([
      {
        code: 'bad-value',
        path: 'breach',
        message:
          'breach.encrypted is false, but injects[0] (lost-mobile-device) has deviceEncrypted: true; the safe harbour must follow the estate',
      },
    ]);
  });
});
