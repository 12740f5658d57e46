import { useEffect, useRef, useState } from 'react';
import type { Timers } from '../clock/timers.ts';
import type { TabletopControls, TabletopView } from '../tabletop/types.ts';

/** At most this many re-renders a second, however fast the ledger grows. */
const FRAME_MS = 50;

/**
 * The session's view, re-read when it changes. Changes arrive in bursts (a jump across 60 days
 * appends hundreds of entries), so re-renders are coalesced to one per frame.
 */
export function useView(session: TabletopControls | undefined, timers: Timers): TabletopView | undefined {
  const [view, setView] = useState(() => session?.view());
  const pending = useRef<unknown>(undefined);
  useEffect(() => {
    if (!session) return undefined;
    setView(session.view());
    const unsubscribe = session.subscribe(() => {
      if (pending.current !== undefined) return;
      pending.current = timers.setTimeout(() => {
        pending.current = undefined;
        setView(session.view());
      }, FRAME_MS);
    });
    return () => {
      unsubscribe();
      if (pending.current !== undefined) timers.clearTimeout(pending.current);
      pending.current = undefined;
    };
  }, [session, timers]);
  return view;
}
