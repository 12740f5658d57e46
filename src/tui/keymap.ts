/** The screens of `phi-drill tabletop`, in the order a drill visits them. */
export type ScreenName = 'setup' | 'briefing' | 'drill' | 'hotwash' | 'close';

export interface KeyBinding {
  /** Where the key works; `global` keys work on every screen while no text is being typed. */
  screen: ScreenName | 'global';
  keys: string;
  does: string;
}

/**
 * Every key of every screen, as data: the help overlay renders it and the README guide is generated
 * from it, so the two never disagree. The screens bind these keys themselves; keep both in step.
 */
export const KEYMAP: readonly KeyBinding[] = [
  {
    screen: 'setup',
    keys: 'type',
    does: 'filter the scenarios by id or title (backspace erases, esc clears)',
  },
  { screen: 'setup', keys: '↑ ↓', does: 'move through the list' },
  { screen: 'setup', keys: 'enter', does: 'pick the scenario, continue, or start the drill' },
  {
    screen: 'setup',
    keys: 'a',
    does: 'add a participant (type the name, then pick a role with ←/→ or type one)',
  },
  { screen: 'setup', keys: 'x', does: 'remove the selected participant' },
  { screen: 'setup', keys: 'esc', does: 'back to the previous step' },
  { screen: 'briefing', keys: 'enter', does: 'begin the drill' },
  { screen: 'drill', keys: 'space', does: 'play/pause' },
  { screen: 'drill', keys: 'n', does: 'advance to next inject' },
  { screen: 'drill', keys: 'j', does: 'jump by a duration (typed: 30m, 2h, 60d)' },
  { screen: 'drill', keys: 'e', does: 'run to the end of the drill' },
  {
    screen: 'drill',
    keys: 'c',
    does: 'confirm a manual expectation (typed: `confirm <id> [at -15m|ISO] [by name] [note …]`, tab cycles open manual ids)',
  },
  { screen: 'drill', keys: 'd', does: 'record a decision (pick who with ←/→ then type it)' },
  { screen: 'drill', keys: '[ ]', does: 'previous/next discussion module' },
  { screen: 'drill', keys: 'p', does: 'show/hide the expected answer' },
  { screen: 'drill', keys: '↑ ↓', does: 'scroll the feed' },
  {
    screen: 'drill',
    keys: 'i',
    does: 'inject card: the MSEL message to read out (p shows the expected player action), or back to the feed',
  },
  { screen: 'drill', keys: '← →', does: 'on the inject card: earlier/later injects' },
  { screen: 'drill', keys: 'b', does: 'open out the expectations board (every row) or fold it back' },
  { screen: 'drill', keys: 'h', does: 'go to the hot wash (once the drill is judged)' },
  { screen: 'hotwash', keys: 's', does: 'add a strength' },
  { screen: 'hotwash', keys: 'i', does: 'add an area for improvement' },
  { screen: 'hotwash', keys: 'o', does: 'add a note on a participant (pick who with ←/→ then type it)' },
  {
    screen: 'hotwash',
    keys: 'r',
    does: 'rate a capability P/S/M/U (HSEEP), replacing what the verdicts suggest',
  },
  { screen: 'hotwash', keys: '↑ ↓', does: 'scroll the missed and late expectations' },
  { screen: 'hotwash', keys: 'enter', does: 'continue to the improvement plan' },
  { screen: 'close', keys: '↑ ↓', does: 'select a suggested corrective action' },
  { screen: 'close', keys: 'y', does: 'accept the selected suggestion as is' },
  {
    screen: 'close',
    keys: 'a',
    does: 'add a corrective action (action, capability, owner with ←/→ or typed, due YYYY-MM-DD)',
  },
  { screen: 'close', keys: 'w', does: 'write the after-action report and close the ledger' },
  { screen: 'global', keys: '?', does: 'help' },
  {
    screen: 'global',
    keys: 'q',
    does: 'quit (the ledger already holds everything; resume with `phi-drill tabletop --resume <run folder>`)',
  },
];

/** The keys of one screen, then the global ones. */
export function keysFor(screen: ScreenName): readonly KeyBinding[] {
  return [
    ...KEYMAP.filter((binding) => binding.screen === screen),
    ...KEYMAP.filter((binding) => binding.screen === 'global'),
  ];
}
