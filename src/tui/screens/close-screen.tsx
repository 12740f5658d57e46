import { Box, Text } from 'ink';
import { useState } from 'react';
import { SUGGESTED_DUE_DAYS } from '../../tabletop/suggest.ts';
import type { TabletopControls, TabletopView } from '../../tabletop/types.ts';
import { clampCursor, windowAround } from '../cursor-window.ts';
import { useScreenInput } from '../input-gate.ts';
import { type Tone, useTone } from '../theme.tsx';
import { useTypingReport } from '../use-typing-report.ts';
import { ActionForm } from './close-action-form.tsx';
import { PlanHeader, PlanRow, sameAction } from './close-plan-table.tsx';

const PLAN_ROWS = 6;
const SUGGESTION_ROWS = 5;

/** Closing: idle, writing the report, written (the path), or failed (why). */
type Writing =
  | { state: 'idle' }
  | { state: 'writing' }
  | { state: 'written'; path: string }
  | { state: 'failed'; why: string };

/** The improvement plan (HSEEP AAR/IP matrix), suggestions to accept, and writing the report to close. */
export function CloseScreen(props: {
  session: TabletopControls;
  view: TabletopView;
  onDone(afterActionReport: string): void;
  onTyping?(typing: boolean): void;
}) {
  const tone = useTone();
  const { view, session } = props;
  const [cursor, setCursor] = useState(0);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: Tone }>();
  const [writing, setWriting] = useState<Writing>({ state: 'idle' });
  useTypingReport(adding, props.onTyping);
  const suggestions = view.suggestedActions;
  const at = clampCursor(cursor, suggestions.length);
  const accepted = (index: number) => view.actions.some((action) => sameAction(action, suggestions[index]!));

  const write = async () => {
    setWriting({ state: 'writing' });
    let path: string;
    try {
      path = (await session.close()).afterActionReport;
    } catch (error) {
      setWriting({ state: 'failed', why: error instanceof Error ? error.message : String(error) });
      return;
    }
    // Outside the try: a throw from the shell's onDone is not a failure to close.
    setWriting({ state: 'written', path });
    props.onDone(path);
  };

  useScreenInput(
    (input, key) => {
      setMessage(undefined);
      if (key.upArrow) setCursor(clampCursor(at - 1, suggestions.length));
      else if (key.downArrow) setCursor(clampCursor(at + 1, suggestions.length));
      else if (input === 'y' && suggestions[at]) {
        if (accepted(at)) setMessage({ text: 'that suggestion is already in the plan', tone: 'warn' });
        else session.addAction(suggestions[at]);
      } else if (input === 'a') setAdding(true);
      else if (input === 'w') void write();
    },
    // Once writing starts the ledger is closing: nothing more may be added to it.
    { isActive: !adding && (writing.state === 'idle' || writing.state === 'failed') },
  );

  const plan = view.actions.slice(-PLAN_ROWS);
  const { start, end } = windowAround(suggestions.length, at, SUGGESTION_ROWS);
  return (
    <Box flexDirection="column">
      <Text color={tone('accent')} wrap="truncate-end">
        Improvement plan · {view.actions.length} row{view.actions.length === 1 ? '' : 's'}
        {view.actions.length > PLAN_ROWS ? `, latest ${PLAN_ROWS}` : ''} · {view.scenario.title}
      </Text>
      <PlanHeader />
      <Box flexDirection="column" height={PLAN_ROWS}>
        {plan.length === 0 ? (
          <Box paddingLeft={2}>
            <Text color={tone('muted')}>no corrective actions yet: y accepts a suggestion, a adds one</Text>
          </Box>
        ) : null}
        {plan.map((action, index) => (
          // Rows can repeat word for word; the plan only grows, so position is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <PlanRow key={view.actions.length - plan.length + index} action={action} />
        ))}
      </Box>
      <Box marginTop={1}>
        <Text color={tone('accent')} wrap="truncate-end">
          Suggested ({suggestions.length}) from the verdicts and hot wash · due {SUGGESTED_DUE_DAYS} days
          after today
        </Text>
      </Box>
      <Box flexDirection="column" height={SUGGESTION_ROWS}>
        {suggestions.length === 0 ? (
          <Box paddingLeft={2}>
            <Text color={tone('muted')}>none: nothing missed or late, no areas for improvement</Text>
          </Box>
        ) : null}
        {suggestions.slice(start, end).map((action, offset) => {
          const index = start + offset;
          const selected = index === at && !adding;
          return (
            <PlanRow
              key={index}
              action={action}
              mark={selected ? '›' : accepted(index) ? '✓' : ''}
              color={selected ? tone('accent') : accepted(index) ? tone('muted') : undefined}
            />
          );
        })}
      </Box>
      <Box flexDirection="column" height={3} marginTop={1}>
        {adding ? (
          <ActionForm
            participants={view.participants}
            onSubmit={(action) => {
              session.addAction(action);
              setAdding(false);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Status writing={writing} message={message} />
        )}
      </Box>
      <Text color={tone('muted')} wrap="truncate-end">
        {adding
          ? 'typing a new row'
          : '↑/↓ select · y accept suggestion · a add a row · w write the report and close'}
      </Text>
    </Box>
  );
}

function Status({ writing, message }: { writing: Writing; message?: { text: string; tone: Tone } }) {
  const tone = useTone();
  if (writing.state === 'writing') return <Text color={tone('warn')}>writing the after-action report…</Text>;
  if (writing.state === 'written')
    return (
      <Box>
        <Text color={tone('good')}>written: </Text>
        {/* The end of a long path is the part that names the file: cut from the front. */}
        <Text wrap="truncate-start">{writing.path}</Text>
      </Box>
    );
  if (writing.state === 'failed')
    return (
      <Box height={2} overflow="hidden">
        <Text color={tone('bad')}>could not close: {writing.why}</Text>
      </Box>
    );
  return (
    <Text color={message && tone(message.tone)} wrap="truncate-end">
      {message?.text ?? ''}
    </Text>
  );
}
