import { Box, Text } from 'ink';
import { useState } from 'react';
import type { ImprovementAction, Participant } from '../../tabletop/types.ts';
import { ChoiceInput } from '../choice-input.tsx';
import { LineInput } from '../line-input.tsx';
import { useTone } from '../theme.tsx';
import { dueProblem } from './close-due.ts';

const FIELDS = ['action', 'capability', 'owner', 'due'] as const;
type Field = (typeof FIELDS)[number];

const PLACEHOLDERS: Record<Exclude<Field, 'owner'>, string> = {
  action: 'what will change, e.g. page the integration owner on dead letters',
  capability: 'e.g. Operational coordination',
  due: 'YYYY-MM-DD',
};

function clip(text: string): string {
  return text.length > 16 ? `${text.slice(0, 15)}…` : text;
}

/** Owners to offer: each participant's name, then each role at the table (a role can own an action too). */
export function ownerOptions(participants: readonly Participant[]): string[] {
  return [...new Set([...participants.map((p) => p.name), ...participants.map((p) => p.role)])];
}

/**
 * A new improvement-plan row, typed one field at a time. A field that fails its check shows why and
 * stays open with the text as typed. Three lines: what is filled so far, the field, its hint or problem.
 */
export function ActionForm(props: {
  participants: readonly Participant[];
  onSubmit(action: ImprovementAction): void;
  onCancel(): void;
}) {
  const tone = useTone();
  const [draft, setDraft] = useState<Partial<ImprovementAction>>({});
  const [problem, setProblem] = useState<string>();
  const field = FIELDS.find((name) => draft[name] === undefined) ?? 'due';
  const take = (typed: string) => {
    const value = typed.trim();
    const why = !value
      ? `the ${field} is needed (esc cancels the row)`
      : field === 'due'
        ? dueProblem(value)
        : undefined;
    setProblem(why);
    if (why) return;
    const next = { ...draft, [field]: value };
    if (field === 'due') props.onSubmit(next as ImprovementAction);
    else setDraft(next);
  };
  // Each value cut short, so the row so far fits one line and the latest field is still in view.
  const filled = FIELDS.filter((name) => draft[name] !== undefined).map(
    (name) => `${name}: ${clip(draft[name]!)}`,
  );
  return (
    <Box flexDirection="column">
      <Text color={tone('muted')} wrap="truncate-end">
        new row {FIELDS.indexOf(field) + 1}/4{filled.length ? ` · ${filled.join(' · ')}` : ''}
      </Text>
      {field === 'owner' ? (
        <ChoiceInput
          label="owner"
          options={ownerOptions(props.participants)}
          onSubmit={take}
          onCancel={props.onCancel}
        />
      ) : (
        <LineInput
          key={field}
          label={field}
          placeholder={PLACEHOLDERS[field]}
          onSubmit={take}
          onCancel={props.onCancel}
        />
      )}
      {field === 'owner' && !problem ? null : (
        <Text color={problem ? tone('bad') : tone('muted')} wrap="truncate-end">
          {problem ?? 'enter next field · esc cancels the row'}
        </Text>
      )}
    </Box>
  );
}
