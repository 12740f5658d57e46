import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderJunit } from '../../src/report/junit.ts';
import { buildReport } from '../../src/report/model.ts';
import { writeReports } from '../../src/report/write.ts';
import { sampleLedger } from './evidence-sample.ts';

const report = buildReport(sampleLedger());

describe('renderJunit', () => {
  it('has one testsuite per run and one testcase per expectation: late and missed fail, n/a is skipped', () => {
    const xml = renderJunit([report, report]);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    expect(xml).toContain('<testsuites name="phi-drill" tests="8" failures="4" errors="0" skipped="2">');
    expect(xml).toContain('<testcase classname="oauth-overscope" name="detect-oauth" time="252.000"/>');
    expect(xml).toContain('<failure type="missed" message="No audit record named &quot;Acme Sync&quot;">');
    expect(xml).toContain(
      '<failure type="late" message="Alert came after the window | rows &gt; 10k &amp; &lt;ReportExport&gt;">',
    );
    expect(xml).toContain('<skipped message="Unattended run"/>');
    expect(xml).toContain(
      '<property name="title" value="Over-scoped sync app &amp; a bulk &lt;export&gt;"/>',
    );
  });

  it('never lets ledger text open or close an element', () => {
    const xml = renderJunit([report]);
    const withoutDeclaration = xml.replace(/^<\?xml[^>]*\?>\n/, '');
    const tags = withoutDeclaration.match(/<\/?[a-z]+/g) ?? [];
    expect(new Set(tags)).toEqual(
      new Set([
        '<testsuites',
        '<testsuite',
        '<properties',
        '<property',
        '</properties',
        '<testcase',
        '<failure',
        '</failure',
        '</testcase',
        '<skipped',
        '</testsuite',
        '</testsuites',
      ]),
    );
  });

  it('escapes markup and quotes and drops characters XML 1.0 cannot hold', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('bell\u0007 nul\u0000 lone\uD800 ok\u{1F600}')).toBe('bell nul lone ok\u{1F600}');
    expect(escapeXml('line\nbreak\ttab')).toBe('line&#10;break&#9;tab');
  });
});

describe('writeReports', () => {
  it('writes report.json, report.md and junit.xml into the run folder', () => {
    const folder = mkdtempSync(join(tmpdir(), 'phi-drill-report-'));
    const paths = writeReports(folder, report);
    expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(readFileSync(paths.markdown, 'utf8')).toMatch(/^# Drill report: /);
    expect(readFileSync(paths.junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(paths).toEqual({
      json: join(folder, 'report.json'),
      markdown: join(folder, 'report.md'),
      junit: join(folder, 'junit.xml'),
    });
  });
});
