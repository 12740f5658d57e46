import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { systemTimers } from '../../src/clock/timers.ts';
import type { IntakeConfig, IntakeDeps } from '../../src/controls/intakes/config.ts';
import { startIntake } from '../../src/controls/intakes/index.ts';
import type { RunningIntake } from '../../src/controls/intakes/intake.ts';
import { signBody } from '../../src/controls/intakes/signature.ts';
import { fixedClock, recordingSink, tempDir } from './intake-fixtures.ts';

const running: RunningIntake[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((intake) => intake.close()));
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('startIntake', () => {
  it('starts each kind of intake from its config and says where it listens', async () => {
    const dir = await tempDir('start-intake');
    folders.push(dir);
    await writeFile(join(dir, 'alerts.ndjson'), '');
    const sink = recordingSink();
    const deps: IntakeDeps = {
      clock: fixedClock(),
      timers: systemTimers,
      sink,
      env: { HOOK_SECRET: 's3cret' },
      evidenceDir: dir,
      console: { input: new PassThrough(), output: new PassThrough() },
    };
    const configs: IntakeConfig[] = [
      { type: 'webhook', id: 'hook', secretEnv: 'HOOK_SECRET' },
      {
        type: 'command',
        id: 'poll',
        command: process.execPath,
        args: ['-e', ''],
        intervalMs: 60_000,
        timeoutMs: 5000,
      },
      { type: 'file', id: 'tail', path: join(dir, 'alerts.ndjson') },
      { type: 'smtp', id: 'mail' },
      { type: 'manual', id: 'desk' },
    ];
    for (const config of configs) running.push(await startIntake(config, deps));
    expect(running.map((intake) => [intake.id, intake.describe().type])).toEqual([
      ['hook', 'webhook'],
      ['poll', 'command'],
      ['tail', 'file'],
      ['mail', 'smtp'],
      ['desk', 'manual'],
    ]);
    expect(running[3]!.describe()).toMatchObject({ host: '127.0.0.1', evidence: join(dir, 'mail') });

    const url = String(running[0]!.describe().url);
    const body = JSON.stringify({ rule: 'via-factory' });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-phidrill-signature': signBody('s3cret', body) },
      body,
    });
    expect(res.status).toBe(202);
    expect(sink.alerts.map((a) => a.intake)).toEqual(['hook']);
    expect(JSON.stringify(running.map((intake) => intake.describe()))).not.toContain('s3cret');
  });
});
