import { useEffect, useRef } from 'react';

/** Tells the app shell while a text input is open (so it holds `?` and `q`), and again when it closes. */
export function useTypingSignal(typing: boolean, onTyping?: (typing: boolean) => void): void {
  // The shell may pass a fresh callback each render; only open and close should signal.
  const latest = useRef(onTyping);
  latest.current = onTyping;
  useEffect(() => {
    if (!typing) return;
    latest.current?.(true);
    return () => latest.current?.(false);
  }, [typing]);
}
