import { describe, expect, it } from 'vitest';
import { appLogEncoder } from '../../src/telemetry/encoders/app-log.ts';
import { appLogWrite, CONTEXT, crmQueryDenied, ehrRead, syncBatch } from './encoder-samples.ts';

describe('app-log encoder', () => {
  it('writes one JSON line with timestamp, level, logger, message and request id', () => {
    expect(appLogEncoder.encode(ehrRead, CONTEXT)).toMatchInlineSnapshot(
      `"{"@timestamp":"2026-03-02T14:00:00.123Z","level":"info","logger":"ehr.fhir","message":"fhir.read Patient/zz-0000011 by dr.lindqvist: success (200)","request_id":"req-001938","event_id":"evt-002511","system":"ehr","action":"fhir.read","outcome":"success","user":{"id":"dr.lindqvist","type":"clinician","name":"dr.lindqvist"},"client_app":"3MVG9XaJPrj79KX_UvuzhYz5pupVQ9fOexvQzpQGMm8w9","source_ip":"10.99.0.22","user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36","session":"9556c63986f58dc4","http":{"method":"GET","uri":"/fhir/R4/Patient/zz-0000011","status":200},"resource":{"type":"Patient","id":"zz-0000011"},"patient_count":1,"rows":1}"`,
    );
  });

  it("keeps the emitter's own logger and level, else reads the level off the outcome", () => {
    const parse = (line: string | undefined) => JSON.parse(line!) as { level: string; logger: string };
    expect(parse(appLogEncoder.encode(appLogWrite, CONTEXT))).toMatchObject({
      level: 'warn',
      logger: 'integration.intake',
    });
    expect(parse(appLogEncoder.encode(crmQueryDenied, CONTEXT)).level).toBe('warn');
    expect(parse(appLogEncoder.encode(syncBatch, CONTEXT)).level).toBe('error');
  });

  it('ignores a level value no logging library would write', () => {
    const odd = { ...appLogWrite, detail: { level: 'loud"\n', logger: 'x' } };
    const line = appLogEncoder.encode(odd, CONTEXT)!;
    expect(line).not.toContain('\n');
    expect(JSON.parse(line).level).toBe('info');
  });
});
