import { type Key, useInput } from 'ink';
import { createContext, useContext } from 'react';

/**
 * Whether the screen underneath may take keys. The shell turns it off while the help overlay or
 * the quit question is up, keeping the screen mounted (typed names, scroll position and the current
 * module survive `?`) without letting the key that closes the overlay also act on the screen.
 */
export const ScreenInputActive = createContext(true);

/** `useInput` that also respects the shell's gate. */
export function useScreenInput(
  handler: (input: string, key: Key) => void,
  options: { isActive?: boolean } = {},
): void {
  const active = useContext(ScreenInputActive);
  useInput(handler, { isActive: active && (options.isActive ?? true) });
}
