/** Every kind of problem a scenario file can have; one invalid fixture exists per code. */
export const PROBLEM_CODES = [
  'not-text',
  'yaml-syntax',
  'yaml-limit',
  'unknown-key',
  'missing-field',
  'wrong-type',
  'bad-value',
  'bad-duration',
  'unknown-injector',
  'bad-params',
  'unknown-inject',
  'duplicate-id',
  'unknown-control',
  'unknown-rule',
  'empty-selector',
  'unknown-trail',
  'unknown-field',
  'unknown-condition',
  'id-mismatch',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A problem located in a scenario file; `line` and `col` are 1-based. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  /** Where in the document, e.g. `expectations[2].within`; empty for the document itself. */
  path: string;
  code: ProblemCode;
  message: string;
}

/**
 * A problem before it has a position: the loader resolves `path` against the YAML tree.
 * `on: 'key'` points at the key of the last path segment rather than at its value
 * (an unknown key has no meaningful value position).
 */
export interface PathProblem {
  path: ReadonlyArray<string | number>;
  code: ProblemCode;
  message: string;
  on?: 'key';
}

/** `['expectations', 2, 'within']` → `expectations[2].within`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
