import { describe, expect, it } from 'vitest';
import { assessBreach } from '../../src/breach/assess.ts';
import type { IncidentFacts } from '../../src/breach/types.ts';
import type { LedgerEntry } from '../../src/evidence/entries.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { buildReport } from '../../src/report/model.ts';
import { sampleLedger, T0 } from './evidence-sample.ts';

const FACTS: IncidentFacts = {
  discoveredAt: '2026-03-02T14:40:00+00:00',
  phiTypes: ['name', 'birth-date', 'ssn'],
  individualsByState: { CA: 3, NY: 1 },
  recipient: 'unknown-outside-party',
  acquiredOrViewed: true,
  encrypted: false,
  keyCompromised: false,
  destroyed: false,
  mitigation: ['report <b>redacted</b> | pipe'],
  contactInfoMissing: 0,
  urgent: false,
};

/** The sample run, with `report-dump` having exposed four people and, given facts, their assessment. */
function ledgerWith(facts?: IncidentFacts): LedgerEntry[] {
  const entries = sampleLedger();
  const at = T0 + 40 * 60_000;
  const added: LedgerEntry[] = [
    { seq: 900, kind: 'exposure', at, injectId: 'report-dump', individuals: 4, byState: { CA: 3, NY: 1 } },
  ];
  if (facts) {
    const assessment = assessBreach(facts);
    added.push({
      seq: 901,
      kind: 'breach.assessed',
      at,
      injectId: 'report-dump',
      individuals: 4,
      phiTypes: facts.phiTypes,
      outcome: assessment.outcome,
      notifiable: assessment.notifiable,
      factors: assessment.factors,
      basis: assessment.basis,
    });
  }
  entries.splice(
    entries.findIndex((entry) => entry.kind === 'run.finished'),
    0,
    ...added,
  );
  return entries;
}

function section(markdown: string): string {
  const start = markdown.indexOf('## Breach assessment');
  if (start === -1) return '';
  return markdown.slice(start, markdown.indexOf('\n## ', start + 1));
}

describe('the breach-assessment section of report.md', () => {
  it('lists the PHI types, each of the four factors with its finding, and a notifiable conclusion', () => {
    const text = section(renderMarkdown(buildReport(ledgerWith(FACTS))));
    expect(text).toContain('### `report-dump`: 4 individuals (CA 3, NY 1)');
    expect(text).toContain('- PHI types involved: name, birth-date, ssn');
    expect(text).toMatch(/- Conclusion: \*\*notifiable\*\*, .*presumed \(`presumed-breach`\)/);
    expect(text).toContain('45 CFR 164.402(2); 45 CFR 164.404(a)');
    const factorRows = text.split('\n').filter((line) => /^\| \((i|ii|iii|iv)\)/.test(line));
    expect(factorRows).toEqual([
      '| (i) nature and extent of the PHI | PHI types name, birth-date, ssn: sensitive (ssn) | towards compromise |',
      '| (ii) unauthorised person who used it or received it | unknown-outside-party | towards compromise |',
      '| (iii) whether the PHI was actually acquired or viewed | PHI was acquired or viewed | towards compromise |',
      '| (iv) extent to which the risk has been mitigated | no assurance the PHI is gone (redaction is not destruction): report \\<b\\>redacted\\</b\\> \\| pipe | towards compromise |',
    ]);
  });

  it('concludes low probability of compromise when every factor weighs that way', () => {
    const text = section(
      renderMarkdown(
        buildReport(
          ledgerWith({
            ...FACTS,
            phiTypes: ['appointment'],
            recipient: 'known-outside-party',
            acquiredOrViewed: false,
            mitigation: ['recipient attested deletion'],
          }),
        ),
      ),
    );
    expect(text).toMatch(/- Conclusion: not notifiable, low probability that the PHI has been compromised/);
    expect(text).not.toContain('towards compromise');
  });

  it('names the safe harbor when the PHI was secured', () => {
    const text = section(renderMarkdown(buildReport(ledgerWith({ ...FACTS, encrypted: true }))));
    expect(text).toMatch(/- Conclusion: not notifiable, safe harbor: .*\(`secured-phi`\)/);
    expect(text).toContain('HHS guidance 74 FR 19006');
  });

  it('says an exposure was not assessed when the scenario gives no breach facts', () => {
    const text = section(renderMarkdown(buildReport(ledgerWith())));
    expect(text).toContain(
      '- `report-dump`: PHI of 4 individuals exposed, not assessed: the scenario gives no breach facts',
    );
    expect(text).not.toContain('Conclusion');
  });

  it('is left out when no inject exposed anyone', () => {
    expect(renderMarkdown(buildReport(sampleLedger()))).not.toContain('## Breach assessment');
  });

  it('carries the assessment into report.json through the report model', () => {
    const report = buildReport(ledgerWith(FACTS));
    expect(report.breach.assessments).toHaveLength(1);
    expect(report.breach.assessments[0]).toMatchObject({ injectId: 'report-dump', notifiable: true });
    expect(report.breach.assessments[0]).not.toHaveProperty('seq');
  });
});
