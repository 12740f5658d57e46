import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { RATING_TEXT, RATINGS } from '../../tabletop/capabilities.ts';
import type { CapabilityRating, HotwashItem, TabletopControls, TabletopView } from '../../tabletop/types.ts';
import { ChoiceInput } from '../choice-input.tsx';
import { useScreenInput } from '../input-gate.ts';
import { LineInput } from '../line-input.tsx';
import { type Tone, useTone } from '../theme.tsx';
import { useTypingReport } from '../use-typing-report.ts';
import { HotwashLists } from './hotwash-lists.tsx';
import { SCORECARD_ROWS, Scorecard, shortfalls } from './hotwash-scorecard.tsx';

/** What is being typed: a strength or improvement, or a note (first who it is about, then the note). */
type Adding = { category: 'strength' | 'improvement' } | { category: 'note'; by?: string } | undefined;

/** Rating a capability: first which (by expectation type), then the HSEEP rating. */
type Rating = { type?: CapabilityRating['type'] } | undefined;

const RATING_OPTIONS = RATINGS.map((rating) => `${rating} — ${RATING_TEXT[rating]}`);

const LABELS: Record<HotwashItem['category'], string> = {
  strength: 'strength',
  improvement: 'area for improvement',
  note: 'note',
};

/** The hot wash: the scorecard, then strengths, areas for improvement and participant notes. */
export function HotwashScreen(props: {
  session: TabletopControls;
  view: TabletopView;
  onContinue(): void;
  onTyping?(typing: boolean): void;
}) {
  const tone = useTone();
  const { view, session } = props;
  const [adding, setAdding] = useState<Adding>();
  const [rating, setRating] = useState<Rating>();
  const [first, setFirst] = useState(0);
  const [message, setMessage] = useState<{ text: string; tone: Tone }>();
  useTypingReport(adding !== undefined || rating !== undefined, props.onTyping);
  const rows = useMemo(() => shortfalls(view.board), [view.board]);
  const lastFirst = Math.max(0, rows.length - SCORECARD_ROWS);

  useScreenInput(
    (input, key) => {
      setMessage(undefined);
      if (input === 's') setAdding({ category: 'strength' });
      else if (input === 'i') setAdding({ category: 'improvement' });
      else if (input === 'o') setAdding({ category: 'note' });
      else if (input === 'r') {
        if (view.ratings.length > 0) setRating({});
        else setMessage({ text: 'nothing to rate until the drill is judged', tone: 'warn' });
      } else if (key.upArrow) setFirst((was) => Math.max(0, Math.min(was, lastFirst) - 1));
      else if (key.downArrow) setFirst((was) => Math.min(lastFirst, was + 1));
      else if (key.return) props.onContinue();
    },
    { isActive: adding === undefined && rating === undefined },
  );

  const record = (typed: string) => {
    if (!adding) return;
    const text = typed.trim();
    setAdding(undefined);
    if (!text) {
      setMessage({ text: 'nothing recorded: it was empty', tone: 'warn' });
      return;
    }
    // The entry comes back through view.hotwash once the ledger holds it; nothing is kept here.
    if (adding.category === 'note') session.hotwash({ category: 'note', text, by: adding.by });
    else session.hotwash({ category: adding.category, text });
    setMessage({ text: `${LABELS[adding.category]} recorded`, tone: 'good' });
  };
  const cancel = () => {
    setAdding(undefined);
    setRating(undefined);
  };

  const pickCapability = (typed: string) => {
    const chosen = view.ratings.find((row) => row.type === typed.trim() || row.capability === typed.trim());
    if (!chosen) {
      setRating(undefined);
      setMessage({ text: `no capability "${typed.trim()}" in this drill`, tone: 'bad' });
    } else setRating({ type: chosen.type });
  };

  const giveRating = (type: CapabilityRating['type'], typed: string) => {
    setRating(undefined);
    const letter = typed.trim().charAt(0).toUpperCase();
    const given = RATINGS.find((candidate) => candidate === letter);
    if (!given) {
      setMessage({ text: `"${typed.trim()}" is not a rating: P, S, M or U`, tone: 'bad' });
      return;
    }
    session.rate(type, given);
    setMessage({ text: `${type} rated ${given}`, tone: 'good' });
  };
  const rated = rating?.type ? view.ratings.find((row) => row.type === rating.type) : undefined;

  return (
    <Box flexDirection="column">
      <Text color={tone('accent')} wrap="truncate-end">
        Hot wash · {view.scenario.title}
      </Text>
      <Scorecard view={view} rows={rows} first={first} />
      <Box marginTop={1}>
        <HotwashLists items={view.hotwash} />
      </Box>
      <Box flexDirection="column" height={2}>
        {rating && !rating.type ? (
          <ChoiceInput
            key="capability"
            label="rate"
            options={view.ratings.map((row) => row.type)}
            onSubmit={pickCapability}
            onCancel={cancel}
          />
        ) : rating?.type ? (
          <ChoiceInput
            key={`rating-${rating.type}`}
            label={`rating for ${rating.type}`}
            options={RATING_OPTIONS}
            initialIndex={Math.max(0, RATINGS.indexOf(rated?.rating ?? rated?.suggested ?? 'P'))}
            onSubmit={(typed) => giveRating(rating.type!, typed)}
            onCancel={cancel}
          />
        ) : adding?.category === 'note' && adding.by === undefined ? (
          <ChoiceInput
            key="note-on"
            label="note on"
            options={view.participants.map((participant) => participant.name)}
            onSubmit={(by) => (by ? setAdding({ category: 'note', by }) : cancel())}
            onCancel={cancel}
          />
        ) : adding ? (
          <LineInput
            label={adding.category === 'note' ? `note on ${adding.by}` : LABELS[adding.category]}
            onSubmit={record}
            onCancel={cancel}
          />
        ) : (
          <Text color={message && tone(message.tone)} wrap="truncate-end">
            {message?.text ?? ''}
          </Text>
        )}
      </Box>
      <Text color={tone('muted')} wrap="truncate-end">
        {rating
          ? 'enter takes it · esc cancels'
          : adding?.category === 'note' && adding.by === undefined
            ? 'enter picks who the note is about'
            : adding
              ? 'enter records it · esc cancels'
              : 's strength · i improvement · o note · r rate a capability · enter continue'}
      </Text>
    </Box>
  );
}
