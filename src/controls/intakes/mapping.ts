import type { Severity } from '../signal.ts';

/**
 * Where to find each signal field in an arbitrary alert document. Paths are JSON pointers
 * (`/result/search_name`, RFC 6901) or dotted paths (`result.search_name`, `hits.0.id`).
 */
export interface AlertMapping {
  rule?: string;
  severity?: string;
  summary?: string;
  correlation?: string;
  patientIds?: string;
  control?: string;
  /** Raw severity value (as text) → phi-drill severity; without it only the four names themselves map. */
  severityMap?: Record<string, Severity>;
}

export interface MappedAlert {
  rule?: string;
  severity?: Severity;
  summary?: string;
  correlationId?: string;
  patientIds?: string[];
  control?: string;
}

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

function segments(path: string): string[] | undefined {
  if (path.startsWith('/')) {
    return path
      .slice(1)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  if (path === '') return undefined;
  const parts = path.split('.');
  return parts.includes('') ? undefined : parts;
}

/** Own properties only, so a path like `__proto__` or `constructor` never reaches the prototype chain. */
export function pickPath(document: unknown, path: string): unknown {
  const parts = segments(path);
  if (!parts) return undefined;
  let current: unknown = document;
  for (const part of parts) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(part)) return undefined;
      current = current[Number(part)];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, part)) {
      current = (current as Record<string, unknown>)[part];
    } else {
      return undefined;
    }
  }
  return current;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function pickText(document: unknown, path: string | undefined): string | undefined {
  return path === undefined ? undefined : scalarText(pickPath(document, path));
}

function pickSeverity(document: unknown, mapping: AlertMapping): Severity | undefined {
  const raw = pickText(document, mapping.severity);
  if (raw === undefined) return undefined;
  const table = mapping.severityMap;
  if (table) {
    const mapped = Object.hasOwn(table, raw) ? table[raw] : undefined;
    // A typo'd table value must not become a severity the judge would compare against.
    return mapped && SEVERITIES.includes(mapped) ? mapped : undefined;
  }
  const named = raw.toLowerCase() as Severity;
  return SEVERITIES.includes(named) ? named : undefined;
}

function pickPatientIds(document: unknown, path: string | undefined): string[] | undefined {
  if (path === undefined) return undefined;
  const value = pickPath(document, path);
  const list = Array.isArray(value) ? value : [value];
  const ids = list.map(scalarText).filter((id): id is string => id !== undefined);
  return ids.length > 0 ? ids : undefined;
}

/**
 * Picks signal fields out of an alert. Fails closed: a missing path, a missing value, an object
 * where text was expected or a severity the table does not name all leave the field undefined, so
 * a half-mapped alert can never match a selector by accident.
 */
export function mapAlert(body: unknown, mapping: AlertMapping): MappedAlert {
  const mapped: MappedAlert = {
    rule: pickText(body, mapping.rule),
    severity: pickSeverity(body, mapping),
    summary: pickText(body, mapping.summary),
    correlationId: pickText(body, mapping.correlation),
    patientIds: pickPatientIds(body, mapping.patientIds),
    control: pickText(body, mapping.control),
  };
  for (const key of Object.keys(mapped) as Array<keyof MappedAlert>) {
    if (mapped[key] === undefined) delete mapped[key];
  }
  return mapped;
}
