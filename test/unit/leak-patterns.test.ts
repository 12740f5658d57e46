import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CONTROLS } from '../../src/controls/index.ts';
import { DOSSIERS } from '../../src/inject/dossiers.data.ts';
import { BUILT_IN_INJECTORS } from '../../src/inject/index.ts';
import { renderPatternTable } from '../../src/report/pattern-table.ts';

const catalogText = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

describe('built-in leak patterns', () => {
  it.each(BUILT_IN_INJECTORS.map((injector) => [injector.id, injector] as const))(
    '%s quotes the field failure it drills, cites HIPAA, is caught by a reference control and drilled by a scenario',
    async (id, injector) => {
      expect(injector.dossier, `${id} names no dossier failure`).toBeDefined();
      expect(Object.keys(DOSSIERS)).toContain(injector.dossier!.dossier);
      expect(injector.dossier!.failure.length).toBeGreaterThan(20);
      expect(injector.hipaa.length).toBeGreaterThan(0);
      expect(BUILT_IN_CONTROLS.some((control) => control.covers.includes(id))).toBe(true);
      const { readFile } = await import('node:fs/promises');
      const drilled = await Promise.all(
        catalogText.map(async (file) =>
          (await readFile(`scenarios/${file}.yaml`, 'utf8')).includes(`injector: ${id}`),
        ),
      );
      expect(drilled.some(Boolean), `no catalog scenario injects ${id}`).toBe(true);
    },
  );

  it('renders a pattern without a dossier failure as a dash, not as an empty quote', () => {
    const table = renderPatternTable([
      { id: 'own-leak', hipaa: ['164.312(b)'], controls: [], scenarios: [] },
    ]);
    expect(table).toContain('| `own-leak` | — | 164.312(b) | — | — |');
    expect(table.split('\n')[0]).toBe('1 leak pattern.');
  });
});
