import { Box, useWindowSize } from 'ink';
import { type ReactNode, useState } from 'react';
import { parseDuration } from '../../clock/duration.ts';
import type { Participant, TabletopControls, TabletopView } from '../../tabletop/types.ts';
import { ClockBar } from '../drill/clock-bar.tsx';
import { CommandLine, type Message } from '../drill/command-line.tsx';
import {
  checkConfirmation,
  confirmableIds,
  confirmPrefill,
  cycleConfirmId,
  defaultConfirmer,
} from '../drill/confirm-line.ts';
import { DeadlineCountdown } from '../drill/deadline-countdown.tsx';
import { DecisionLog } from '../drill/decision-log.tsx';
import { ExpectationsBoard } from '../drill/expectations-board.tsx';
import { InjectCard, landedInjects } from '../drill/inject-card.tsx';
import { InjectFeed } from '../drill/inject-feed.tsx';
import { drillLayout, withBoardOpen } from '../drill/layout.ts';
import { ParticipantPicker } from '../drill/participant-picker.tsx';
import { PromptPanel } from '../drill/prompt-panel.tsx';
import { scrollBack, scrollForward } from '../drill/window.ts';
import { useScreenInput } from '../input-gate.ts';
import { LineInput } from '../line-input.tsx';
import { useTypingReport } from '../use-typing-report.ts';

export interface DrillScreenProps {
  session: TabletopControls;
  view: TabletopView;
  /** The drill is judged and the facilitator pressed h. */
  onHotwash(): void;
  onTyping?(typing: boolean): void;
}

/** What the bottom line is doing: taking single keys, or one of the editors the keys open. */
type Mode =
  | { kind: 'keys' }
  | { kind: 'jump' }
  | { kind: 'confirm'; line: string }
  | { kind: 'pick' }
  | { kind: 'decide'; by: Participant };

const KEYS: Mode = { kind: 'keys' };

/** The facilitator's console while the drill runs: clock, feed, board, deadlines, prompts, decisions. */
export function DrillScreen({ session, view, onHotwash, onTyping }: DrillScreenProps) {
  const { rows } = useWindowSize();
  const [mode, setMode] = useState<Mode>(KEYS);
  const [message, setMessage] = useState<Message>();
  const [moduleIndex, setModuleIndex] = useState(0);
  const [showExpected, setShowExpected] = useState(false);
  const [anchor, setAnchor] = useState<number>();
  const [boardOpen, setBoardOpen] = useState(false);
  // Which inject the card shows: closed, following the latest to land (null), or one the facilitator chose.
  const [card, setCard] = useState<string | null>();
  useTypingReport(mode.kind !== 'keys', onTyping);
  const baseLayout = drillLayout(rows, view.board.length);
  const layout = boardOpen ? withBoardOpen(baseLayout, view.board.length) : baseLayout;
  const moduleCount = view.modules.length;
  const current = Math.min(moduleIndex, moduleCount - 1);
  const module = view.modules[current];
  const switchModule = (step: number) => {
    if (moduleCount > 0) setModuleIndex((current + step + moduleCount) % moduleCount);
  };

  const landed = landedInjects(view.injects);
  const followed = landed.length - 1;
  const cardIndex = card === null ? followed : landed.findIndex((inject) => inject.id === card);
  const stepCard = (step: number) => {
    const to = Math.max(0, Math.min(followed, cardIndex + step));
    setCard(to === followed ? null : (landed[to]?.id ?? null));
  };

  const say = (text: string, tone: Message['tone'] = 'warn') => setMessage({ text, tone });
  const close = () => setMode(KEYS);

  useScreenInput(
    (input, key) => {
      setMessage(undefined);
      if (key.upArrow) setAnchor((a) => scrollBack(view.feed.length, layout.feed, a));
      else if (key.downArrow) setAnchor((a) => scrollForward(view.feed.length, a));
      else if (key.leftArrow && card !== undefined) stepCard(-1);
      else if (key.rightArrow && card !== undefined) stepCard(1);
      else if (input === 'i') setCard((open) => (open === undefined ? null : undefined));
      else if (input === ' ') togglePlay();
      else if (input === 'n') session.advanceToNextInject();
      else if (input === 'j') setMode({ kind: 'jump' });
      else if (input === 'e') runToEnd();
      else if (input === 'c') openConfirm();
      else if (input === 'd')
        setMode(view.participants.length > 0 ? { kind: 'pick' } : { kind: 'decide', by: FACILITATOR });
      else if (input === '[') switchModule(-1);
      else if (input === ']') switchModule(1);
      else if (input === 'p') setShowExpected((shown) => !shown);
      else if (input === 'b') setBoardOpen((open) => !open);
      else if (input === 'h') hotwash();
    },
    { isActive: mode.kind === 'keys' },
  );

  function togglePlay() {
    if (view.pacing.rate === 0)
      say('facilitator-paced: n advances to the next inject, j jumps, e runs to the end');
    else if (view.playing) session.pause();
    else session.play();
  }

  function runToEnd() {
    if (view.now >= view.end) say('the clock is already at the end of the run', 'muted');
    else session.jump(view.end - view.now);
  }

  function openConfirm() {
    const ids = confirmableIds(view.board);
    if (ids.length === 0) say('nothing to confirm: no manual expectation is open or waiting', 'muted');
    else {
      setMode({ kind: 'confirm', line: confirmPrefill(ids[0]!, defaultConfirmer(view.participants)) });
      say('tab: next open id · add at -15m or note … · enter confirms · esc cancels', 'muted');
    }
  }

  function hotwash() {
    if (view.phase === 'judged') onHotwash();
    else if (view.phase === 'closed') say('the drill is closed', 'muted');
    else say('the drill is still running: e runs it to the end');
  }

  function submitJump(text: string) {
    const ms = parseDuration(text);
    if (!ms) return say(`"${text.trim()}" is not a duration: try 90m, 2h, 60d or 1h30m`, 'bad');
    close();
    session.jump(ms);
  }

  function submitConfirm(line: string) {
    const checked = checkConfirmation(line, view.board, view.now);
    if (!checked.ok) return say(checked.error, 'bad');
    const { expectationId, by, at, note } = checked.confirmation;
    close();
    say(`confirmed ${expectationId} by ${by}`, 'good');
    session.confirm(expectationId, by, at, note);
  }

  function submitDecision(by: Participant, text: string) {
    if (!text.trim()) return say('type the decision, or esc to drop it', 'bad');
    close();
    session.decide({
      by: by.name,
      role: by.role,
      text: text.trim(),
      ...(module === undefined ? {} : { module }),
    });
  }

  const cancel = () => {
    setMessage(undefined);
    close();
  };
  function editor(): ReactNode {
    switch (mode.kind) {
      case 'keys':
        return undefined;
      case 'jump':
        return (
          <LineInput label="jump by" placeholder="2h, 60d, 90m" onSubmit={submitJump} onCancel={cancel} />
        );
      case 'confirm':
        return (
          <LineInput
            label=">"
            initial={mode.line}
            onSubmit={submitConfirm}
            onCancel={cancel}
            onTab={(line) => cycleConfirmId(line, confirmableIds(view.board))}
          />
        );
      case 'pick':
        return (
          <ParticipantPicker
            participants={view.participants}
            onPick={(by) => setMode({ kind: 'decide', by })}
            onCancel={cancel}
          />
        );
      case 'decide': {
        const { by } = mode;
        return (
          <LineInput
            label={`decision by ${by.name}:`}
            onSubmit={(text) => submitDecision(by, text)}
            onCancel={cancel}
          />
        );
      }
    }
  }

  return (
    <Box flexDirection="column">
      <ClockBar view={view} />
      <DeadlineCountdown deadlines={view.deadlines} now={view.now} />
      <ExpectationsBoard board={view.board} now={view.now} height={layout.board} />
      {card === undefined ? (
        <InjectFeed
          feed={view.feed}
          t0={view.t0}
          height={layout.feed}
          anchor={anchor}
          cardHint={landed.length > 0}
        />
      ) : (
        <InjectCard
          landed={landed}
          index={cardIndex}
          t0={view.t0}
          showExpected={showExpected}
          height={layout.feed}
        />
      )}
      <PromptPanel
        modules={view.modules}
        index={current}
        prompts={view.prompts}
        showExpected={showExpected}
        height={layout.prompts}
      />
      <DecisionLog decisions={view.decisions} t0={view.t0} height={layout.decisions} />
      <CommandLine editor={editor()} playing={view.playing} message={message} problem={view.problem} />
    </Box>
  );
}

/** Who decides when the table has no participants listed. */
const FACILITATOR: Participant = { name: 'facilitator', role: 'facilitator' };
