import { render } from 'ink-testing-library';
import { describe, expect, test, vi } from 'vitest';
import { ScreenInputActive } from '../../src/tui/input-gate.ts';
import { LineInput } from '../../src/tui/line-input.tsx';
import { ColourContext } from '../../src/tui/theme.tsx';

const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('LineInput', () => {
  test('types, erases and submits', async () => {
    const onSubmit = vi.fn();
    const { stdin, lastFrame } = render(<LineInput label="jump by" onSubmit={onSubmit} onCancel={vi.fn()} />);
    await tick();
    stdin.write('2');
    stdin.write('x');
    stdin.write('\u007F');
    stdin.write('h');
    await tick();
    expect(lastFrame()).toContain('jump by 2h');
    stdin.write('\r');
    await tick();
    expect(onSubmit).toHaveBeenCalledWith('2h');
  });

  test('text and its Enter in one chunk (a paste, tmux send-keys) still submits the whole line', async () => {
    const onSubmit = vi.fn();
    const { stdin } = render(
      <LineInput label="decision" initial="Open " onSubmit={onSubmit} onCancel={vi.fn()} />,
    );
    await tick();
    stdin.write('an assessment\r');
    await tick();
    expect(onSubmit).toHaveBeenCalledWith('Open an assessment');
  });

  test('takes no keys while the shell has an overlay up', async () => {
    const onSubmit = vi.fn();
    const { stdin, lastFrame } = render(
      <ScreenInputActive.Provider value={false}>
        <LineInput label="note" onSubmit={onSubmit} onCancel={vi.fn()} />
      </ScreenInputActive.Provider>,
    );
    await tick();
    stdin.write('abc\r');
    await tick();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(lastFrame()).not.toContain('abc');
  });

  test('without colour the cursor is a plain underscore, no inverse video', async () => {
    const { lastFrame } = render(
      <ColourContext.Provider value={false}>
        <LineInput label="note" onSubmit={vi.fn()} onCancel={vi.fn()} />
      </ColourContext.Provider>,
    );
    await tick();
    expect(lastFrame()).toBe('note _');
  });
});
