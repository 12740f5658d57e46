/** One alert is one JSON object; anything else is refused rather than guessed at. */
export function isAlertObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export type ParsedLine = { ok: true; alert: Record<string, unknown> } | { ok: false; reason: string };

export function parseAlertLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `malformed JSON (${(error as Error).message})` };
  }
  return isAlertObject(value) ? { ok: true, alert: value } : { ok: false, reason: 'not a JSON object' };
}

export type ParsedBatch =
  | { ok: true; alerts: Array<Record<string, unknown>> }
  | { ok: false; reason: string };

/** A single alert object or an array of them (webhook bodies, command output in array form). */
export function parseAlertBatch(text: string): ParsedBatch {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `malformed JSON (${(error as Error).message})` };
  }
  if (isAlertObject(value)) return { ok: true, alerts: [value] };
  if (!Array.isArray(value)) return { ok: false, reason: 'expected an alert object or an array of them' };
  const bad = value.findIndex((item) => !isAlertObject(item));
  if (bad >= 0) return { ok: false, reason: `item ${bad} is not a JSON object` };
  return { ok: true, alerts: value };
}

export interface OutputParse {
  alerts: Array<Record<string, unknown>>;
  /** 1-based line numbers for NDJSON; line 1 for a broken array. */
  errors: Array<{ line: number; reason: string }>;
}

/**
 * Command output: a JSON array when it starts with `[`, NDJSON otherwise. NDJSON lines are judged
 * one by one so a single bad line does not cost the good ones.
 */
export function parseAlertOutput(text: string): OutputParse {
  const trimmed = text.trim();
  if (trimmed === '') return { alerts: [], errors: [] };
  if (trimmed.startsWith('[')) {
    const batch = parseAlertBatch(trimmed);
    return batch.ok
      ? { alerts: batch.alerts, errors: [] }
      : { alerts: [], errors: [{ line: 1, reason: batch.reason }] };
  }
  const result: OutputParse = { alerts: [], errors: [] };
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const parsed = parseAlertLine(line);
    if (parsed.ok) result.alerts.push(parsed.alert);
    else result.errors.push({ line: index + 1, reason: parsed.reason });
  });
  return result;
}
