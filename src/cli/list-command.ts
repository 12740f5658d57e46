import { DOSSIERS } from '../inject/dossiers.data.ts';
import type { Registry } from '../registry.ts';
import { labelledRow } from '../text/wrap.ts';
import { EXIT } from './exit-codes.ts';

export const LIST_USAGE = `usage: phi-drill list [--json]
  --json    the catalog as JSON (piped or not); without it, a table fitted to the terminal's width

The catalog: leak patterns (the controls that catch each, their HIPAA citations and the field failure\neach drills, quoted from the dossier that names it), controls, audit trails.
`;

/** `phi-drill list`: the registries as a table (fitted to the terminal), or JSON with --json. */
export async function listCommand(
  argv: string[],
  io: {
    stdout: { write(chunk: string): unknown };
    stderr: { write(chunk: string): unknown };
    columns?: number;
  },
  registry: Registry,
): Promise<number> {
  const unknown = argv.find((arg) => arg !== '--json');
  if (unknown) {
    io.stderr.write(`phi-drill list: unknown option ${unknown}\n${LIST_USAGE}`);
    return EXIT.usage;
  }
  const injectors = [...registry.injectors.values()].map((i) => ({
    id: i.id,
    summary: i.summary,
    detection: i.detection,
    hipaa: i.hipaa,
    attack: i.attack,
    conditions: i.conditions,
    dossier: i.dossier ? { ...i.dossier, title: DOSSIERS[i.dossier.dossier] } : null,
    controls: [...registry.controls.values()].filter((c) => c.covers.includes(i.id)).map((c) => c.id),
  }));
  const controls = [...registry.controls.values()].map((c) => ({
    id: c.id,
    kind: c.kind,
    summary: c.summary,
    rules: c.rules,
  }));
  const trails = [...registry.trails.values()].map((t) => ({
    id: t.id,
    summary: t.summary,
    fields: t.fields,
  }));
  if (argv.includes('--json')) {
    io.stdout.write(`${JSON.stringify({ injectors, controls, trails }, null, 2)}\n`);
    return EXIT.ok;
  }
  const row = (label: string, text: string, labelWidth: number) =>
    labelledRow(label, text, { indent: '  ', labelWidth, width: io.columns, minText: 40 });
  const injectorWidth = Math.max(...injectors.map((i) => i.id.length));
  const controlWidth = Math.max(...controls.map((c) => c.id.length + 1 + c.kind.length));
  const trailWidth = Math.max(...trails.map((t) => t.id.length));
  const lines = [`Leak patterns (${injectors.length})`];
  for (const i of injectors) {
    const field = i.dossier ? ` Field failure: “${i.dossier.failure}”.` : '';
    lines.push(
      ...row(
        i.id,
        `${i.summary} (caught by: ${i.controls.join(', ') || '—'}; HIPAA ${i.hipaa.join(', ')}).${field}`,
        injectorWidth,
      ),
    );
  }
  lines.push('', 'Controls');
  for (const c of controls) lines.push(...row(`${c.id} ${c.kind}`, c.summary, controlWidth));
  lines.push('', 'Audit trails');
  for (const t of trails) lines.push(...row(t.id, t.summary, trailWidth));
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
