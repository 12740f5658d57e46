import { createContext, useContext } from 'react';

/** Colour names the screens use; mapped to nothing when colour is off. */
export type Tone = 'accent' | 'good' | 'warn' | 'bad' | 'muted' | 'inject' | 'signal';

const COLOURS: Record<Tone, string> = {
  accent: 'cyan',
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  muted: 'gray',
  inject: 'magenta',
  signal: 'blue',
};

/** Whether to colour at all: off under NO_COLOR (https://no-color.org), any non-empty value. */
export const ColourContext = createContext(true);

export function colourEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env.NO_COLOR;
}

/** `color` prop for a tone, or undefined when colour is off (so Ink writes no escape codes). */
export function useTone(): (tone: Tone) => string | undefined {
  const enabled = useContext(ColourContext);
  return (tone) => (enabled ? COLOURS[tone] : undefined);
}
