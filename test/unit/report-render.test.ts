import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { buildReport } from '../../src/report/model.ts';
import { renderScorecard } from '../../src/report/scorecard.ts';
import { DEFAULT_MONITORING } from '../../src/telemetry/delivery/monitoring.ts';
import { sampleLedger } from './evidence-sample.ts';

const report = buildReport(sampleLedger(), {
  finalHash: 'ef'.repeat(32),
  signature: { keyOrigin: 'env', publicKeyFingerprint: '12'.repeat(32) },
});

describe('renderMarkdown', () => {
  it('renders summary, scorecard, timeline, steady state and evidence', () => {
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
      "# Drill report: Over-scoped sync app \\& a bulk \\<export\\>

      | | |
      |---|---|
      | Scenario | \`oauth-overscope\` from \`scenarios/oauth-overscope.yaml\` (sha256 \`abababababababababababababababababababababababababababababababab\`) |
      | Run | \`run-000001\`, seed 42, 200 patients, virtual clock |
      | Started | 2026-03-02T14:00:00.000Z, 2026-03-02T08:00:00-06:00 in the organisation's zone (America/Chicago); times below in both |
      | Controls | enabled: \`oauth-scope-anomaly\`, \`export-volume\`; disabled: \`off-hours\` |
      | Summary | 1 met, 1 late, 1 missed, 1 not applicable; exit code 1 |
      | Tool | phi-drill 0.1.0 |

      ## Scorecard

      | Expectation | Type | Inject | Window | Verdict | Latency | Of which delivery | Reason |
      | --- | --- | --- | --- | --- | --- | --- | --- |
      | \`detect-oauth\` | detect | \`oauth-leak\` | 15m | met | 4m12s | — | Raised third-party-full-scope |
      | \`log-oauth\` | log | \`oauth-leak\` | 5m | **missed** | — | — | No audit record named "Acme Sync" |
      | \`detect-export\` | detect | \`report-dump\` | 10m | late | 20m | — | Alert came after the window \\| rows \\> 10k \\& \\<ReportExport\\> |
      | \`hotwash\` | manual | \`report-dump\` | 1h | n/a | — | — | Unattended run |

      ## Timeline

      T0 = 2026-03-02T14:10:00.000Z (end of the steady-state window).

      | T+ | Time (UTC) | Local (America/Chicago) | Event | Subject | Detail |
      | --- | --- | --- | --- | --- | --- |
      | T+0 | 2026-03-02T14:10:00.000Z | 2026-03-02T08:10:00-06:00 | inject | \`oauth-leak\` | oauth-overscope applied (correlation drill-oauth-leak) |
      | T+4m12s | 2026-03-02T14:14:12.000Z | 2026-03-02T08:14:12-06:00 | signal | \`sig-000002\` | high oauth-scope-anomaly/third-party-full-scope: Acme Sync granted full scope |
      | T+10m | 2026-03-02T14:20:00.000Z | 2026-03-02T08:20:00-06:00 | inject | \`report-dump\` | report-export applied (correlation drill-report-dump) |
      | T+11m | 2026-03-02T14:21:00.000Z | 2026-03-02T08:21:00-06:00 | control-error | \`export-volume\` | error: baseline store unavailable |
      | T+15m | 2026-03-02T14:25:00.000Z | 2026-03-02T08:25:00-06:00 | containment | \`oauth-leak\` | contained: token-revoked |
      | T+30m | 2026-03-02T14:40:00.000Z | 2026-03-02T08:40:00-06:00 | signal | \`sig-000003\` | critical export-volume/rows-over-baseline: 12000 patient rows exported |
      | T+31m | 2026-03-02T14:41:00.000Z | 2026-03-02T08:41:00-06:00 | notification | \`task-000001\` | report-dump: opened by privacy-officer under 45 CFR 164.404(b), discovered 2026-03-02T14:40:00.000Z, due 2026-05-01T14:40:00.000Z |
      | T+40m | 2026-03-02T14:50:00.000Z | 2026-03-02T08:50:00-06:00 | revert | \`report-dump\` | reverted |
      | T+40m | 2026-03-02T14:50:00.000Z | 2026-03-02T08:50:00-06:00 | revert-failed | \`oauth-leak\` | revert failed: app already removed |

      ## Steady state

      2026-03-02T14:00:00.000Z to 2026-03-02T14:10:00.000Z (10m): 340 telemetry events, 1 false positive.

      | Time (UTC) | Signal | Rule | Severity | Summary |
      | --- | --- | --- | --- | --- |
      | 2026-03-02T14:04:00.000Z | \`sig-000001\` | \`export-volume/rows-over-baseline\` | low | Nightly \\| census report above baseline |

      ## Evidence

      - Ledger: 18 entries in \`ledger.jsonl\`, final hash \`efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef\`
      - Signature: Ed25519, env key \`1212121212121212121212121212121212121212121212121212121212121212\` (sha256 of the SPKI public key); check with \`phi-drill verify <run folder>\`
      - Telemetry: 812 events in \`telemetry.jsonl\` (crm 500, ehr 300, portal 12), sha256 \`cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd\`
      - Written: 2026-11-20T09:30:02.500Z (wall clock), run took 3s
      "
    `);
  });
});

describe('renderScorecard', () => {
  it('renders unicode marks', () => {
    expect(renderScorecard([report], { color: false, unicode: true })).toMatchInlineSnapshot(`
      "oauth-overscope — Over-scoped sync app & a bulk <export> (seed 42, virtual clock, exit 1)
        ✔ detect-oauth   detect  oauth-leak   4m12s / 15m  Raised third-party-full-scope
        ✘ log-oauth      log     oauth-leak        — / 5m  No audit record named "Acme Sync"
        ◐ detect-export  detect  report-dump    20m / 10m  Alert came after the window | rows > 10k & <ReportExport>
        – hotwash        manual  report-dump       — / 1h  Unattended run
      Totals: 1 met, 1 late, 1 missed, 1 n/a (4 expectations, 1 scenario)
      "
    `);
  });

  it('renders plain ASCII marks with no ANSI escapes, stacked below 100 columns, losing nothing', () => {
    const plain = renderScorecard([report, report], { color: false, unicode: false, width: 80 });
    expect(plain).toMatchInlineSnapshot(`
      "oauth-overscope - Over-scoped sync app & a bulk <export> (seed 42, virtual
        clock, exit 1)
        MET  detect-oauth
             detect - oauth-leak - 4m12s / 15m
               Raised third-party-full-scope
        MISS log-oauth
             log - oauth-leak - - / 5m
               No audit record named "Acme Sync"
        LATE detect-export
             detect - report-dump - 20m / 10m
               Alert came after the window | rows > 10k & <ReportExport>
        N/A  hotwash
             manual - report-dump - - / 1h
               Unattended run
      oauth-overscope - Over-scoped sync app & a bulk <export> (seed 42, virtual
        clock, exit 1)
        MET  detect-oauth
             detect - oauth-leak - 4m12s / 15m
               Raised third-party-full-scope
        MISS log-oauth
             log - oauth-leak - - / 5m
               No audit record named "Acme Sync"
        LATE detect-export
             detect - report-dump - 20m / 10m
               Alert came after the window | rows > 10k & <ReportExport>
        N/A  hotwash
             manual - report-dump - - / 1h
               Unattended run
      Totals: 2 met, 2 late, 2 missed, 2 n/a (8 expectations, 2 scenarios)
      "
    `);
    expect(plain).not.toContain('\u001b');
    expect(plain.split('\n').every((line) => line.length <= 80)).toBe(true);
  });

  it('wraps a long reason under its column at 100 columns instead of cutting it', () => {
    const reason = `${'every word of this reason must survive '.repeat(4)}the end`;
    const long = { ...report, verdicts: report.verdicts.map((v, i) => (i === 0 ? { ...v, reason } : v)) };
    const text = renderScorecard([long], { color: false, unicode: true, width: 100 });
    const lines = text.split('\n');
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    expect(text.replace(/\s+/g, ' ')).toContain(reason);
    const at = lines[1]!.indexOf('every');
    expect(lines[2]!.slice(0, at).trim()).toBe('');
    expect(lines[2]!.slice(at)).toMatch(/^\S/);
  });

  it('colours marks only when asked', () => {
    const colored = renderScorecard([report], { color: true, unicode: true });
    expect(colored).toContain('\u001b[32m✔\u001b[39m');
    expect(colored).toContain('\u001b[31m✘\u001b[39m');
    expect(colored).toContain('\u001b[1m');
  });
});

describe('renderMarkdown: delivery apart from detection', () => {
  it('names the monitoring and how much of a latency the pipeline took', () => {
    const [first, ...rest] = report.verdicts;
    const injectedAt = first!.injectedAt;
    const withDelivery = {
      ...report,
      plan: { ...report.plan!, monitoring: { ...DEFAULT_MONITORING, crm: 'elf-hourly' as const } },
      verdicts: [
        {
          ...first!,
          delivery: {
            source: 'crm-elf-hourly' as const,
            occurredAt: injectedAt + 60_000,
            deliveredAt: injectedAt + 4 * 3_600_000,
          },
        },
        ...rest,
      ],
    };
    const markdown = renderMarkdown(withDelivery);
    expect(markdown).toContain(
      '| Monitoring | CRM `elf-hourly` (event logs kept 30d); CRM audit objects `poll` (every 15m); EHR audit `stream`; logs `forwarder` (flush 1s, kept 90d); storage `data-events` |',
    );
    expect(markdown).toContain('| met | 4m12s | 3h59m (`crm-elf-hourly`; event at +1m) |');
  });
});
