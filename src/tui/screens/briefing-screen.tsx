import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { formatDuration } from '../../clock/duration.ts';
import type { TabletopView } from '../../tabletop/types.ts';
import { clockTime } from '../drill-time.ts';
import { useScreenInput } from '../input-gate.ts';
import { type Tone, useTone } from '../theme.tsx';
import { WrappedWords } from './briefing-words.tsx';

/** What the table agrees to before the first inject (HSEEP ground rules, as this harness keeps them). */
export const GROUND_RULES: readonly string[] = [
  'No fault: we test plans, systems and handoffs, not people.',
  'Every decision is recorded with its drill time in the evidence ledger.',
  'All data is synthetic: no real patient, person or record is involved.',
  'Respond as you would in reality, with the people and tools you have.',
  'The facilitator controls the clock: injects land as it moves.',
];

const LABEL_WIDTH = 14;

/** Severity words a scenario uses, as a tone; anything else stays plain. */
function severityTone(severity: string): Tone | undefined {
  if (severity === 'critical' || severity === 'high') return 'bad';
  if (severity === 'medium' || severity === 'moderate') return 'warn';
  return undefined;
}

/** The situation manual (SitMan): scenario, organisation, table, modules, window and ground rules. */
export function BriefingScreen({ view, onContinue }: { view: TabletopView; onContinue(): void }) {
  const tone = useTone();
  useScreenInput((_input, key) => {
    if (key.return) onContinue();
  });
  const { scenario } = view;
  const severity = severityTone(scenario.severity);
  return (
    <Box flexDirection="column">
      <Text color={tone('accent')} wrap="truncate-end">
        Situation manual · {scenario.id}
      </Text>
      <Text wrap="truncate-end">
        {scenario.title} <Text color={severity && tone(severity)}>[{scenario.severity}]</Text>
      </Text>
      <Box marginBottom={1}>
        <WrappedWords items={scenario.summary.split(/\s+/).filter(Boolean)} lines={3} color={tone('muted')} />
      </Box>
      <Field label="organisation">{view.organisation}</Field>
      <Field label="estate">
        {scenario.patients} synthetic patients · time zone {scenario.timezone}
      </Field>
      <Field label="cites">
        HIPAA {scenario.hipaa.join(', ') || 'none'} · ATT&CK {scenario.attack.join(', ') || 'none'}
      </Field>
      <Field label="window">
        T0 {clockTime(view.t0)} → {clockTime(view.end)} UTC ({formatDuration(view.end - view.t0)}) ·{' '}
        {view.injects.length} inject{view.injects.length === 1 ? '' : 's'}
      </Field>
      <Field label="modules">
        {view.modules.map((module, index) => `${index + 1} ${module}`).join(' · ')}
      </Field>
      <Box>
        <Box width={LABEL_WIDTH} flexShrink={0}>
          <Text color={tone('muted')}>table ({view.participants.length})</Text>
        </Box>
        <WrappedWords
          items={view.participants.map(
            (participant, index, all) =>
              `${participant.name} (${participant.role})${index < all.length - 1 ? ',' : ''}`,
          )}
          lines={3}
        />
      </Box>
      <Box marginTop={1}>
        <Text color={tone('accent')}>Ground rules</Text>
      </Box>
      {GROUND_RULES.map((rule) => (
        <Text key={rule} wrap="truncate-end">
          · {rule}
        </Text>
      ))}
      <Box marginTop={1}>
        <Text color={tone('muted')}>enter begin the drill</Text>
      </Box>
    </Box>
  );
}

/** A labelled line, cut at the edge. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  const tone = useTone();
  return (
    <Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text color={tone('muted')}>{label}</Text>
      </Box>
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}
