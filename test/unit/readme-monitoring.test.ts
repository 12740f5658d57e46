import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATRIX_END, MATRIX_START } from '../../scripts/write-matrix-capture.ts';
import { MONITORING_CONFIGS } from '../../src/matrix/configs.ts';
import { DELIVERY_SOURCE_IDS } from '../../src/telemetry/delivery/sources.data.ts';

const readme = readFileSync('README.md', 'utf8');
const section = (from: string, to: string) => readme.slice(readme.indexOf(from), readme.indexOf(to));

describe('README monitoring documentation', () => {
  it('lists every delivery source in the "Monitoring and delivery" table', () => {
    const monitoring = section('## Monitoring and delivery', '### The organisation');
    for (const id of DELIVERY_SOURCE_IDS) expect(monitoring, id).toContain(`| \`${id}\``);
  });

  it('captures the matrix for the current catalog and configurations (run `npm run readme:matrix`)', () => {
    const block = section(MATRIX_START, MATRIX_END);
    const table = block.slice(block.indexOf('```text') + 8, block.lastIndexOf('\n\n'));
    const [heading = '', ...rows] = table.split('\n');
    expect(heading.split(/\s+/).slice(2)).toEqual(MONITORING_CONFIGS.map((config) => config.heading));
    const catalog = readdirSync('scenarios')
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => file.replace(/\.yaml$/, ''));
    // Long ids are cut with an ellipsis to fit 80 columns: match each label to the one id it begins.
    const labels = rows.map((row) => row.split(' ')[0]!.replace(/…$/, ''));
    expect(labels).toHaveLength(catalog.length);
    for (const id of catalog)
      expect(
        labels.filter((label) => id.startsWith(label)),
        id,
      ).not.toHaveLength(0);
  });
});
