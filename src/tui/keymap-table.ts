import { KEYMAP } from './keymap.ts';

const SCREEN_TITLES = {
  setup: 'Setup',
  briefing: 'Briefing',
  drill: 'Drill',
  hotwash: 'Hot wash',
  close: 'Close',
  global: 'Everywhere (not while typing)',
} as const;

/** The key bindings as a Markdown table for the README, one row per binding, grouped by screen. */
export function renderKeymapTable(): string {
  const rows = KEYMAP.map(
    (binding) =>
      `| ${SCREEN_TITLES[binding.screen]} | ${binding.keys.includes('`') ? binding.keys : `\`${binding.keys}\``} | ${binding.does.replace(/\|/g, '\\|')} |`,
  );
  return ['| Screen | Key | Does |', '|---|---|---|', ...rows].join('\n');
}
