import type { BreachAssessedEntry } from '../evidence/entries.ts';
import { SHOWN_DELAY_MS } from '../telemetry/delivery/delivery-note.ts';
import { isoTime } from './format.ts';
import { code, markdownCell, row } from './markdown-text.ts';
import type { RunReport } from './model.ts';

type Assessment = RunReport['breach']['assessments'][number];

/** The four factors of 45 CFR 164.402(2), in the regulation's order and words. */
const FACTOR_LABEL: Record<BreachAssessedEntry['factors'][number]['factor'], string> = {
  'nature-and-extent': '(i) nature and extent of the PHI',
  recipient: '(ii) unauthorised person who used it or received it',
  'acquired-or-viewed': '(iii) whether the PHI was actually acquired or viewed',
  mitigation: '(iv) extent to which the risk has been mitigated',
};

const CONCLUSION: Record<BreachAssessedEntry['outcome'], string> = {
  'presumed-breach': 'a low probability of compromise is not shown, so the breach is presumed',
  'low-probability-of-compromise': 'low probability that the PHI has been compromised',
  'secured-phi': 'safe harbor: the PHI was secured, so it is not unsecured PHI',
  'exception-good-faith-workforce': 'exception: good-faith, unintentional use by a workforce member',
  'exception-inadvertent-authorized':
    'exception: inadvertent disclosure between persons authorised at the same entity',
  'exception-could-not-retain': 'exception: the recipient could not reasonably have retained the PHI',
};

/**
 * The breach assessment of each inject that exposed PHI: the PHI types, the four factors with their
 * findings, and whether notification is owed. Omitted when no inject exposed anyone; an exposure the
 * scenario gives no facts for is listed as not assessed rather than silently dropped.
 */
export function breachSection(breach: RunReport['breach']): string {
  if (breach.exposures.length === 0 && breach.assessments.length === 0) return '';
  const lines = [
    '## Breach assessment',
    '',
    'An impermissible use or disclosure of PHI is presumed a breach unless a documented assessment of ' +
      'the four factors of 45 CFR 164.402(2) shows a low probability that the PHI has been compromised.',
    '',
  ];
  const assessed = new Set(breach.assessments.map((assessment) => assessment.injectId));
  for (const assessment of breach.assessments) lines.push(...assessmentLines(assessment, breach));
  for (const exposure of breach.exposures.filter((e) => !assessed.has(e.injectId))) {
    lines.push(
      `- ${code(exposure.injectId)}: PHI of ${people(exposure.individuals)} exposed, not assessed: ` +
        'the scenario gives no breach facts (add a `breach` section).',
    );
  }
  if (breach.exposures.some((e) => !assessed.has(e.injectId))) lines.push('');
  return lines.join('\n');
}

function assessmentLines(assessment: Assessment, breach: RunReport['breach']): string[] {
  const byState = breach.exposures.find((e) => e.injectId === assessment.injectId)?.byState ?? {};
  const states = Object.entries(byState)
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  const types = assessment.phiTypes.length > 0 ? assessment.phiTypes.join(', ') : 'none recorded';
  const verdict = assessment.notifiable ? '**notifiable**' : 'not notifiable';
  return [
    `### ${code(assessment.injectId)}: ${people(assessment.individuals)}${states ? ` (${states})` : ''}`,
    '',
    `- PHI types involved: ${markdownCell(types)}`,
    `- Conclusion: ${verdict}, ${CONCLUSION[assessment.outcome]} (${code(assessment.outcome)})`,
    `- Basis: ${markdownCell(assessment.basis.join('; '))}`,
    ...discoveryLines(assessment.injectId, breach),
    '',
    row(['Factor (45 CFR 164.402(2))', 'Finding', 'Weighs']),
    row(['---', '---', '---']),
    ...assessment.factors.map((factor) =>
      row([
        FACTOR_LABEL[factor.factor],
        markdownCell(factor.finding),
        factor.raisesRisk ? 'towards compromise' : 'towards low probability',
      ]),
    ),
    '',
  ];
}

/**
 * Discovery in both readings of 45 CFR 164.404(a)(2) when a slow pipeline pulled them apart, and
 * any log expectation that found the records already aged out (the scope then rests on other evidence).
 */
function discoveryLines(injectId: string, breach: RunReport['breach']): string[] {
  const lines: string[] = [];
  const found = breach.discovery.find((d) => d.injectId === injectId);
  if (found && found.firstSignalAt - found.knowableAt >= SHOWN_DELAY_MS) {
    lines.push(
      `- Discovery (45 CFR 164.404(a)(2)): should have known ${isoTime(found.knowableAt)}, when the ` +
        `telemetry was generated (reasonable diligence); first signal landed ${isoTime(found.firstSignalAt)}. ` +
        'Deadlines count from the earlier date.',
    );
  } else if (found) {
    lines.push(`- Discovery (45 CFR 164.404(a)(2)): ${isoTime(found.knowableAt)}, the first signal`);
  }
  for (const gap of breach.scopeGaps.filter((g) => g.injectId === injectId)) {
    lines.push(
      `- Scope: **could not be established from logs** (${code(gap.expectationId)}: ${markdownCell(gap.reason)}); ` +
        'who was affected must rest on other evidence.',
    );
  }
  return lines;
}

function people(count: number): string {
  return `${count} ${count === 1 ? 'individual' : 'individuals'}`;
}
