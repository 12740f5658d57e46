import type { Registry } from '../registry.ts';

/** `phi-drill list`: the registries, as a table on a TTY and JSON otherwise (or with --json). */
export async function listCommand(
  argv: string[],
  io: {
    stdout: { write(chunk: string): unknown };
    stderr: { write(chunk: string): unknown };
    isTTY: boolean;
  },
  registry: Registry,
): Promise<number> {
  const unknown = argv.find((arg) => arg !== '--json');
  if (unknown) {
    io.stderr.write(`unknown option ${unknown}\nusage: phi-drill list [--json]\n`);
    return 2;
  }
  const injectors = [...registry.injectors.values()].map((i) => ({
    id: i.id,
    summary: i.summary,
    detection: i.detection,
    hipaa: i.hipaa,
    attack: i.attack,
    conditions: i.conditions,
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
  if (argv.includes('--json') || !io.isTTY) {
    io.stdout.write(`${JSON.stringify({ injectors, controls, trails }, null, 2)}\n`);
    return 0;
  }
  const lines = ['Leak patterns'];
  for (const i of injectors)
    lines.push(
      `  ${i.id.padEnd(22)} ${i.summary}`,
      `  ${''.padEnd(22)} caught by: ${i.controls.join(', ') || '—'}`,
    );
  lines.push('', 'Controls');
  for (const c of controls) lines.push(`  ${c.id.padEnd(30)} ${c.kind.padEnd(12)} ${c.summary}`);
  lines.push('', 'Audit trails');
  for (const t of trails) lines.push(`  ${t.id.padEnd(22)} ${t.summary}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
