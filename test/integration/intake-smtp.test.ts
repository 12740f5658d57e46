import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SmtpIntakeConfig } from '../../src/controls/intakes/config.ts';
import type { MailAlert } from '../../src/controls/intakes/mail-message.ts';
import { type RunningSmtpIntake, startSmtpIntake } from '../../src/controls/intakes/smtp.ts';
import { fixedClock, type RecordingSink, recordingSink, START, tempDir } from './intake-fixtures.ts';

let intake: RunningSmtpIntake | undefined;
let sink: RecordingSink;
let evidenceDir: string;

beforeEach(async () => {
  evidenceDir = await tempDir('smtp-intake');
});

afterEach(async () => {
  await intake?.close();
  intake = undefined;
  await rm(evidenceDir, { recursive: true, force: true });
});

const ENV = { SMTP_USER: 'siem', SMTP_PASSWORD: 'Correct-Horse-1' };

async function start(extra: Partial<SmtpIntakeConfig> = {}) {
  sink = recordingSink();
  intake = await startSmtpIntake(
    { type: 'smtp', id: 'notices', ...extra },
    { clock: fixedClock(), sink, env: ENV, evidenceDir },
  );
  return intake;
}

function transport(auth?: { user: string; pass: string }) {
  return createTransport({ host: '127.0.0.1', port: intake!.port, secure: false, ignoreTLS: true, auth });
}

const ATTACHMENT = 'patient_id,finding\nzz-0000001,bulk export\n';

function notice(extra: object = {}) {
  return {
    from: 'SIEM Alerts <siem@example.org>',
    to: ['privacy@example.org', 'Security Desk <soc@example.org>'],
    cc: 'counsel@example.org',
    subject: 'ALERT phi-bulk-read [PHI-DRILL-7f3a]',
    date: new Date('2026-03-02T13:05:00Z'),
    messageId: '<alert-42@siem.example.org>',
    headers: { 'X-Correlation-Id': 'PHI-DRILL-7f3a' },
    text: 'Rule phi-bulk-read fired for 212 patients.',
    html: '<p>Rule <b>phi-bulk-read</b> fired.</p>',
    attachments: [{ filename: 'findings.csv', content: ATTACHMENT, contentType: 'text/csv' }],
    ...extra,
  };
}

describe('SMTP intake', () => {
  it('parses a message with an attachment into an alert and keeps the raw .eml, fsynced, as evidence', async () => {
    await start();
    const info = await transport().sendMail(notice());
    expect(info.response).toMatch(/^250 Kept as 00001-[0-9a-f]{12}\.eml$/);
    expect(sink.rejections).toEqual([]);
    expect(sink.alerts).toHaveLength(1);
    const alert = sink.alerts[0]!;
    expect(alert).toMatchObject({ intake: 'notices', receivedAt: START });
    const body = alert.body as MailAlert;
    expect(body).toMatchObject({
      messageId: '<alert-42@siem.example.org>',
      from: 'siem@example.org',
      to: ['privacy@example.org', 'soc@example.org'],
      cc: ['counsel@example.org'],
      subject: 'ALERT phi-bulk-read [PHI-DRILL-7f3a]',
      date: '2026-03-02T13:05:00.000Z',
      text: 'Rule phi-bulk-read fired for 212 patients.',
      html: '<p>Rule <b>phi-bulk-read</b> fired.</p>',
      attachments: [
        {
          filename: 'findings.csv',
          contentType: 'text/csv',
          size: ATTACHMENT.length,
          sha256: createHash('sha256').update(ATTACHMENT).digest('hex'),
        },
      ],
    });
    expect(body.headers['x-correlation-id']).toBe('PHI-DRILL-7f3a');
    expect(body.headers.subject).toBe('ALERT phi-bulk-read [PHI-DRILL-7f3a]');

    const files = await readdir(intake!.folder);
    expect(files).toEqual([body.eml.file]);
    expect(intake!.folder).toBe(join(evidenceDir, 'notices'));
    const raw = await readFile(join(intake!.folder, body.eml.file));
    expect(body.eml).toMatchObject({
      size: raw.length,
      sha256: createHash('sha256').update(raw).digest('hex'),
    });
    expect(raw.toString()).toContain('Subject: ALERT phi-bulk-read [PHI-DRILL-7f3a]');
    expect(raw.toString()).toContain('filename=findings.csv');
  });

  it('refuses an oversize message with 552, records it and keeps no file', async () => {
    await start({ maxBytes: 2000 });
    const error = await transport()
      .sendMail(notice({ text: 'x'.repeat(5000) }))
      .catch((e: unknown) => e as { responseCode: number; response: string });
    expect(error).toMatchObject({ responseCode: 552 });
    expect(sink.alerts).toEqual([]);
    expect(sink.rejections).toEqual([
      { intake: 'notices', receivedAt: START, status: 413, reason: 'message exceeds 2000 bytes' },
    ]);
    expect(await readdir(intake!.folder)).toEqual([]);
    const small = await transport().sendMail(notice({ attachments: [], html: undefined }));
    expect(small.response).toMatch(/^250 /);
  });

  it('with AUTH configured, refuses a wrong password (535) and unauthenticated mail, accepts the right one', async () => {
    await start({ auth: { userEnv: 'SMTP_USER', passwordEnv: 'SMTP_PASSWORD' } });
    expect(intake!.describe()).toMatchObject({ auth: expect.stringContaining('SMTP_USER') });
    const wrong = await transport({ user: 'siem', pass: 'guess' })
      .sendMail(notice())
      .catch((e: unknown) => e as { responseCode: number });
    expect(wrong).toMatchObject({ responseCode: 535 });
    const anonymous = await transport()
      .sendMail(notice())
      .catch((e: unknown) => e as { responseCode: number });
    expect(anonymous).toMatchObject({ responseCode: 530 });
    const ok = await transport({ user: 'siem', pass: 'Correct-Horse-1' }).sendMail(notice());
    expect(ok.response).toMatch(/^250 /);
    expect(sink.alerts).toHaveLength(1);
    expect(sink.rejections).toEqual([
      { intake: 'notices', receivedAt: START, status: 401, reason: 'authentication failed for "siem"' },
    ]);
    expect(JSON.stringify(sink.rejections)).not.toContain('guess');
  });

  it('answers 451 and records it when the message cannot be kept as evidence', async () => {
    await start();
    await rm(intake!.folder, { recursive: true });
    const error = await transport()
      .sendMail(notice())
      .catch((e: unknown) => e as { responseCode: number });
    expect(error).toMatchObject({ responseCode: 451 });
    expect(sink.alerts).toEqual([]);
    expect(sink.rejections[0]).toMatchObject({
      status: 500,
      reason: expect.stringMatching(/^message not kept: ENOENT/),
    });
  });

  it('numbers files after those already in the folder when restarted', async () => {
    await start();
    await transport().sendMail(notice());
    await intake!.close();
    await start();
    const info = await transport().sendMail(notice());
    expect(info.response).toMatch(/^250 Kept as 00002-/);
    expect(await readdir(intake!.folder)).toHaveLength(2);
  });

  it('will not start with AUTH configured but its environment variables unset', async () => {
    await expect(
      startSmtpIntake(
        { type: 'smtp', id: 'notices', auth: { userEnv: 'NOPE_USER', passwordEnv: 'NOPE_PASSWORD' } },
        { clock: fixedClock(), sink: recordingSink(), env: {}, evidenceDir },
      ),
    ).rejects.toThrow('intake notices: AUTH needs NOPE_USER and NOPE_PASSWORD set in the environment');
  });
});
