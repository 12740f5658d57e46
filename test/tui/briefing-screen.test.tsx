import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, test, vi } from 'vitest';
import { BriefingScreen } from '../../src/tui/screens/briefing-screen.tsx';
import { ColourContext } from '../../src/tui/theme.tsx';
import { sampleView } from './stub-session.ts';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

function crowdedView() {
  const base = sampleView();
  return sampleView({
    scenario: {
      ...base.scenario,
      title: `${base.scenario.title} — and a subtitle long enough to run past eighty columns`,
      summary: 'A very long summary that keeps going. '.repeat(30),
      hipaa: Array.from({ length: 12 }, (_, index) => `164.${300 + index}(a)(1)`),
    },
    participants: Array.from({ length: 30 }, (_, index) => ({
      name: `Person ${index}`,
      role: 'security analyst',
    })),
    modules: ['Detection', 'Assessment', 'Containment', 'Notification', 'Recovery', 'Lessons learned'],
  });
}

describe('BriefingScreen', () => {
  test('shows the scenario, organisation, table, modules, window and ground rules', async () => {
    const { lastFrame, unmount } = render(<BriefingScreen view={sampleView()} onContinue={vi.fn()} />);
    await tick();
    const frame = lastFrame() ?? '';
    expect(frame).toContain('Sync failure strands PHI in the dead-letter queue [high]');
    expect(frame).toContain('The EHR→CRM sync fails; PHI sits in plaintext staging rows');
    expect(frame).toContain('organisation  Synthetic Health Network (HTEST)');
    expect(frame).toContain('500 synthetic patients · time zone America/New_York');
    expect(frame).toContain('HIPAA 164.308(a)(6)(ii), 164.312(b) · ATT&CK T1530');
    expect(frame).toContain('table (3)');
    expect(frame).toContain('Ada Facil (facilitator), Dana Reyes (privacy officer),');
    expect(frame).toContain('Sam Ortiz (IR lead)');
    expect(frame).toContain('1 Detection · 2 Assessment · 3 Notification');
    expect(frame).toContain('T0 2026-03-02 14:00 → 2026-07-01 14:00 UTC (121d) · 2 injects');
    expect(frame).toContain('No fault');
    expect(frame).toContain('evidence ledger');
    expect(frame).toContain('synthetic');
    expect(frame).toContain('Respond as you would in reality');
    expect(frame).toContain('facilitator controls the clock');
    unmount();
  });

  test('enter continues; other keys do not', async () => {
    const onContinue = vi.fn();
    const { stdin, unmount } = render(<BriefingScreen view={sampleView()} onContinue={onContinue} />);
    await tick();
    stdin.write('n');
    await tick();
    expect(onContinue).not.toHaveBeenCalled();
    stdin.write('\r');
    await tick();
    expect(onContinue).toHaveBeenCalledOnce();
    unmount();
  });

  test('a crowded scenario still fits 80×24', async () => {
    const { lastFrame, unmount } = render(
      <Box width={80}>
        <BriefingScreen view={crowdedView()} onContinue={vi.fn()} />
      </Box>,
    );
    await tick();
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    expect(lines.join('\n')).toContain('enter begin the drill');
    expect(lines.join('\n')).toContain('table (30)');
    unmount();
  });

  test('with colour off the frame has no escape codes', async () => {
    const chalk = await inkChalk();
    const level = chalk.level;
    chalk.level = 1;
    try {
      const coloured = render(<BriefingScreen view={sampleView()} onContinue={vi.fn()} />);
      await tick();
      expect(coloured.lastFrame()).toContain('\u001B[');
      coloured.unmount();
      const plain = render(
        <ColourContext.Provider value={false}>
          <BriefingScreen view={sampleView()} onContinue={vi.fn()} />
        </ColourContext.Provider>,
      );
      await tick();
      expect(plain.lastFrame()).toContain('Ground rules');
      expect(plain.lastFrame()).not.toContain('\u001B[');
      plain.unmount();
    } finally {
      chalk.level = level;
    }
  });
});

/** Ink's own chalk: tests run without a TTY, so colour must be forced on to prove the screen can turn it off. */
async function inkChalk(): Promise<{ level: number }> {
  const path = createRequire(fileURLToPath(import.meta.resolve('ink'))).resolve('chalk');
  return (await import(pathToFileURL(path).href)).default;
}
