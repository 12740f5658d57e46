/**
 * Deeper than any SIEM's alert needs: beyond it, serialising the alert for the ledger would
 * exhaust the stack, so such an alert is refused with a reason instead of silently lost.
 */
export const MAX_ALERT_DEPTH = 64;

/** How deeply arrays and objects nest in a parsed JSON value, counted without recursion. */
export function nestingDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    deepest = Math.max(deepest, level);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(current)) stack.push([child, level]);
  }
  return deepest;
}

function tooDeep(value: unknown): string | undefined {
  const depth = nestingDepth(value, MAX_ALERT_DEPTH);
  return depth > MAX_ALERT_DEPTH ? `nested more than ${MAX_ALERT_DEPTH} levels deep` : undefined;
}

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
  const deep = tooDeep(value);
  if (deep) return { ok: false, reason: deep };
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
  const deep = tooDeep(value);
  if (deep) return { ok: false, reason: deep };
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
