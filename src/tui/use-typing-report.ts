import { useEffect, useRef } from 'react';

/**
 * Tells the app shell while a text field is open, so it holds back its own `?` and `q`: true when
 * typing starts, false when it ends or the screen goes away mid-field. Shared by the typed screens.
 */
export function useTypingReport(typing: boolean, onTyping?: (typing: boolean) => void): void {
  // The shell may pass a fresh callback each render; only a change of `typing` should report.
  const report = useRef(onTyping);
  report.current = onTyping;
  useEffect(() => {
    if (!typing) return;
    report.current?.(true);
    return () => report.current?.(false);
  }, [typing]);
}
