import { describeDeadline, type StateLaw } from './state-laws.ts';

/**
 * The README's state-law table, rendered from the versioned data so the docs never say something the
 * engine does not apply: each state's own clocks, what it says about HIPAA covered entities, the
 * readings the engine takes where the law is unsettled, and the row's source and version.
 */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function regulators(law: StateLaw): string {
  const own = law.regulators.map(
    (rule) =>
      `${rule.who} (${rule.comparison === '>=' ? '≥' : '>'} ${rule.threshold}): ${describeDeadline(rule.deadline)} ${rule.confidence}`,
  );
  return own.join('; ') || 'none';
}

function hipaa(law: StateLaw): string {
  const provision = law.hipaaEntity;
  if (!provision) return 'no HIPAA-entity provision; both clocks run';
  const individual =
    provision.individual === 'deemed' ? 'HIPAA notice deemed compliant' : 'state clock still runs';
  const moved = Object.entries(provision.regulators).map(
    ([key, deadline]) => `${key} regulator: ${describeDeadline(deadline)}`,
  );
  const added = provision.added.map((rule) => `plus ${rule.who}: ${describeDeadline(rule.deadline)}`);
  return [`${provision.citation} ${provision.confidence}: ${individual}`, ...moved, ...added].join('; ');
}

export function renderStateLawTable(laws: readonly StateLaw[], version: string, checkedOn: string): string {
  const rows = laws.map((law) =>
    [
      law.state,
      `${law.citation} ${law.confidence}`,
      describeDeadline(law.individual),
      regulators(law),
      hipaa(law),
      law.unsettled.map((point) => `${point.question} — ${point.reading}`).join('; ') || '—',
      `[source](${law.source.split(' ')[0]}), v${law.version}`,
    ]
      .map(cell)
      .join(' | '),
  );
  return [
    `State-law table version ${version}, checked ${checkedOn}.`,
    '',
    '| state | statute | individuals | regulators | HIPAA covered entities (PHI) | unsettled, and the engine’s reading | source |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
