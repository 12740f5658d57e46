import { Box, Text } from 'ink';
import { useState } from 'react';
import { type Participant, ROLES } from '../../tabletop/types.ts';
import { ChoiceInput } from '../choice-input.tsx';
import { clampCursor, windowAround } from '../cursor-window.ts';
import { useScreenInput } from '../input-gate.ts';
import { LineInput } from '../line-input.tsx';
import { useTone } from '../theme.tsx';
import { useTypingReport } from '../use-typing-report.ts';

const ROWS = 8;

/** The facilitator is the first participant whose role is facilitator (any case). */
export function facilitatorOf(participants: readonly Participant[]): Participant | undefined {
  return participants.find((participant) => participant.role.trim().toLowerCase() === 'facilitator');
}

/** Why the table cannot start yet, or undefined when it can. */
export function tableProblem(participants: readonly Participant[]): string | undefined {
  if (participants.length === 0) return 'add at least one participant first (a)';
  if (!facilitatorOf(participants)) return 'no facilitator yet: add someone with the role facilitator (a)';
  return undefined;
}

/** Adding goes name, then role; undefined when not adding. */
type Adding = { name?: string } | undefined;

/** Step 2: the table. `a` adds (name, then role), `x` removes the selected, enter continues. */
export function ParticipantsStep(props: {
  scenarioTitle: string;
  participants: readonly Participant[];
  onChange(participants: Participant[]): void;
  onContinue(): void;
  onBack(): void;
  onTyping?(typing: boolean): void;
}) {
  const tone = useTone();
  const { participants } = props;
  const [cursor, setCursor] = useState(participants.length - 1);
  const [adding, setAdding] = useState<Adding>();
  const [message, setMessage] = useState<string>();
  useTypingReport(adding !== undefined, props.onTyping);
  const at = clampCursor(cursor, participants.length);

  useScreenInput(
    (input, key) => {
      setMessage(undefined);
      if (key.upArrow) setCursor(clampCursor(at - 1, participants.length));
      else if (key.downArrow) setCursor(clampCursor(at + 1, participants.length));
      else if (input === 'a') setAdding({});
      else if (input === 'x' && participants[at]) {
        props.onChange(participants.filter((_participant, index) => index !== at));
        setCursor(clampCursor(at, participants.length - 1));
      } else if (key.return) {
        const problem = tableProblem(participants);
        if (problem) setMessage(problem);
        else props.onContinue();
      } else if (key.escape) props.onBack();
    },
    { isActive: adding === undefined },
  );

  const takeName = (typed: string) => {
    const name = typed.trim();
    if (!name) setMessage('a name is needed (esc cancels)');
    else if (participants.some((participant) => participant.name.toLowerCase() === name.toLowerCase()))
      setMessage(`${name} is already at the table`);
    else {
      setMessage(undefined);
      setAdding({ name });
    }
  };
  const takeRole = (name: string, role: string) => {
    props.onChange([...participants, { name, role }]);
    setCursor(participants.length);
    setAdding(undefined);
  };
  const cancel = () => {
    setMessage(undefined);
    setAdding(undefined);
  };

  const { start, end } = windowAround(participants.length, at, ROWS);
  const facilitator = facilitatorOf(participants);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={tone('muted')}>scenario </Text>
        {props.scenarioTitle}
      </Text>
      <Text color={tone('accent')}>Participants ({participants.length})</Text>
      <Box flexDirection="column" height={ROWS}>
        {participants.length === 0 ? (
          <Text color={tone('muted')}>nobody yet: press a to add someone</Text>
        ) : (
          participants.slice(start, end).map((participant, offset) => {
            const selected = start + offset === at && adding === undefined;
            return (
              <Text key={participant.name} color={selected ? tone('accent') : undefined} wrap="truncate-end">
                {selected ? '› ' : '  '}
                {participant.name}
                <Text color={tone('muted')}> — {participant.role}</Text>
              </Text>
            );
          })
        )}
      </Box>
      <Box flexDirection="column" height={2} marginTop={1}>
        {adding?.name !== undefined ? (
          <ChoiceInput
            label={`role for ${adding.name}`}
            options={ROLES}
            initialIndex={facilitator ? 1 : 0}
            onSubmit={(role) => takeRole(adding.name!, role)}
            onCancel={cancel}
          />
        ) : adding ? (
          <LineInput label="name" placeholder="who sits at the table" onSubmit={takeName} onCancel={cancel} />
        ) : null}
      </Box>
      <Text color={message || !facilitator ? tone('warn') : tone('good')} wrap="truncate-end">
        {message ??
          (adding ? '' : facilitator ? `facilitator: ${facilitator.name}` : tableProblem(participants))}
      </Text>
      <Text color={tone('muted')} wrap="truncate-end">
        {adding
          ? 'enter takes it · esc cancels'
          : 'a add · x remove · ↑/↓ select · enter continue · esc back to scenarios'}
      </Text>
    </Box>
  );
}
