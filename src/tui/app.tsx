import { Box, Text, useApp, useInput } from 'ink';
import { useState } from 'react';
import type { Timers } from '../clock/timers.ts';
import type { TabletopControls, TabletopView } from '../tabletop/types.ts';
import { ScreenInputActive } from './input-gate.ts';
import type { ScreenName } from './keymap.ts';
import { BriefingScreen } from './screens/briefing-screen.tsx';
import { CloseScreen } from './screens/close-screen.tsx';
import { DrillScreen } from './screens/drill-screen.tsx';
import { HelpOverlay } from './screens/help-overlay.tsx';
import { HotwashScreen } from './screens/hotwash-screen.tsx';
import { type ScenarioChoice, type SetupResult, SetupScreen } from './screens/setup-screen.tsx';
import { useTone } from './theme.tsx';
import { useView } from './use-view.ts';

export interface TabletopAppProps {
  scenarios: readonly ScenarioChoice[];
  initialScenarioId?: string;
  /** Opens the session the setup screen chose (a new run folder). */
  startSession(setup: SetupResult): Promise<TabletopControls>;
  /** A session picked up with --resume: the app opens on the screen the drill had reached. */
  resumed?: TabletopControls;
  timers: Timers;
  /** Called when the app ends: the AAR path when the drill closed, undefined when the facilitator quit. */
  onExit(afterActionReport: string | undefined): void;
}

/**
 * The tabletop app: setup → briefing → drill → hot wash → close, with help on `?` and quit on `q`
 * everywhere except while text is being typed.
 */
export function TabletopApp(props: TabletopAppProps) {
  const { exit } = useApp();
  const tone = useTone();
  const [session, setSession] = useState<TabletopControls | undefined>(props.resumed);
  const [screen, setScreen] = useState<ScreenName>(() =>
    props.resumed ? resumeScreen(props.resumed) : 'setup',
  );
  const [help, setHelp] = useState(false);
  const [quitting, setQuitting] = useState(false);
  const [typing, setTyping] = useState(false);
  const [problem, setProblem] = useState<string>();
  const view = useView(session, props.timers);

  const finish = (afterActionReport: string | undefined) => {
    props.onExit(afterActionReport);
    exit();
  };

  useInput(
    (input) => {
      if (quitting) {
        if (input === 'y') finish(undefined);
        else setQuitting(false);
      } else if (input === '?') setHelp(true);
      else if (input === 'q') setQuitting(true);
    },
    { isActive: !typing && !help },
  );

  const overlay = help ? (
    <HelpOverlay screen={screen} onClose={() => setHelp(false)} />
  ) : quitting ? (
    <Box flexDirection="column">
      <Text color={tone('warn')}>Quit the drill? Everything so far is in the ledger.</Text>
      {view ? <Text>Pick it up again with: phi-drill tabletop --resume {view.folder}</Text> : null}
      <Text>y quits · any other key goes back</Text>
    </Box>
  ) : undefined;
  const current =
    screen === 'setup' || !session || !view ? (
      <Box flexDirection="column">
        <SetupScreen
          scenarios={props.scenarios}
          initialScenarioId={props.initialScenarioId}
          onTyping={setTyping}
          onStart={(setup) => {
            props.startSession(setup).then(
              (started) => {
                setSession(started);
                setScreen('briefing');
              },
              (error: Error) => setProblem(error.message),
            );
          }}
        />
        {problem ? <Text color={tone('bad')}>{problem}</Text> : null}
      </Box>
    ) : (
      <Screen
        name={screen}
        session={session}
        view={view}
        setScreen={setScreen}
        setTyping={setTyping}
        finish={finish}
      />
    );
  // The screen stays mounted under an overlay (what was typed survives `?`), hidden and deaf to keys.
  return (
    <>
      {overlay}
      <ScreenInputActive.Provider value={overlay === undefined}>
        <Box display={overlay ? 'none' : 'flex'} flexDirection="column">
          {current}
        </Box>
      </ScreenInputActive.Provider>
    </>
  );
}

function Screen(props: {
  name: Exclude<ScreenName, 'setup'>;
  session: TabletopControls;
  view: TabletopView;
  setScreen(screen: ScreenName): void;
  setTyping(typing: boolean): void;
  finish(afterActionReport: string): void;
}) {
  const { session, view, setScreen, setTyping } = props;
  switch (props.name) {
    case 'briefing':
      return <BriefingScreen view={view} onContinue={() => setScreen('drill')} />;
    case 'drill':
      return (
        <DrillScreen
          session={session}
          view={view}
          onTyping={setTyping}
          onHotwash={() => setScreen('hotwash')}
        />
      );
    case 'hotwash':
      return (
        <HotwashScreen
          session={session}
          view={view}
          onTyping={setTyping}
          onContinue={() => setScreen('close')}
        />
      );
    case 'close':
      return <CloseScreen session={session} view={view} onTyping={setTyping} onDone={props.finish} />;
  }
}

/** Where a resumed drill reopens: the drill while it runs, the hot wash once it is judged. */
function resumeScreen(session: TabletopControls): ScreenName {
  return session.view().phase === 'judged' ? 'hotwash' : 'drill';
}
