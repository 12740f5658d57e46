import { Box, Text } from 'ink';
import { useState } from 'react';
import type { Pacing, Participant } from '../../tabletop/types.ts';
import { useTone } from '../theme.tsx';
import { PacingStep } from './setup-pacing-step.tsx';
import { ParticipantsStep } from './setup-participants-step.tsx';
import { ScenarioStep } from './setup-scenario-step.tsx';

export interface ScenarioChoice {
  id: string;
  title: string;
  severity: string;
  summary: string;
}

export interface SetupResult {
  scenarioId: string;
  participants: Participant[];
  pacing: Pacing;
}

type Step = 'scenario' | 'participants' | 'pacing';
const STEPS: readonly Step[] = ['scenario', 'participants', 'pacing'];

/** Setup in three steps on one screen: scenario, the people at the table, pacing; then `onStart`. */
export function SetupScreen(props: {
  scenarios: readonly ScenarioChoice[];
  /** Pre-selected when `phi-drill tabletop <scenario>` named one. */
  initialScenarioId?: string;
  onStart(result: SetupResult): void;
  onTyping?(typing: boolean): void;
}) {
  const named = props.scenarios.find((scenario) => scenario.id === props.initialScenarioId);
  const [step, setStep] = useState<Step>(named ? 'participants' : 'scenario');
  const [scenarioId, setScenarioId] = useState(named?.id);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [notice, setNotice] = useState(
    props.initialScenarioId && !named
      ? `there is no scenario ${props.initialScenarioId}: pick one`
      : undefined,
  );
  const title = props.scenarios.find((scenario) => scenario.id === scenarioId)?.title ?? '';
  return (
    <Box flexDirection="column">
      <StepIndicator step={step} />
      {step === 'scenario' ? (
        <ScenarioStep
          scenarios={props.scenarios}
          notice={notice}
          onTyping={props.onTyping}
          onPick={(id) => {
            setScenarioId(id);
            setNotice(undefined);
            setStep('participants');
          }}
        />
      ) : step === 'participants' ? (
        <ParticipantsStep
          scenarioTitle={title}
          participants={participants}
          onChange={setParticipants}
          onContinue={() => setStep('pacing')}
          onBack={() => setStep('scenario')}
          onTyping={props.onTyping}
        />
      ) : (
        <PacingStep
          scenarioTitle={title}
          participants={participants}
          onStart={(pacing) => props.onStart({ scenarioId: scenarioId!, participants, pacing })}
          onBack={() => setStep('participants')}
        />
      )}
    </Box>
  );
}

/** `Tabletop setup  ✓ 1 scenario › ● 2 participants › ○ 3 pacing`: marks, so it reads without colour. */
function StepIndicator({ step }: { step: Step }) {
  const tone = useTone();
  const current = STEPS.indexOf(step);
  return (
    <Box marginBottom={1}>
      <Text wrap="truncate-end">
        <Text color={tone('accent')}>Tabletop setup </Text>
        {STEPS.map((id, index) => (
          <Text key={id} color={index === current ? tone('accent') : tone('muted')}>
            {index > 0 ? ' › ' : ' '}
            {index < current ? '✓' : index === current ? '●' : '○'} {index + 1} {id}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
