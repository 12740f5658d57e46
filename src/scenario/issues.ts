import type { z } from 'zod';
import type { PathProblem, ProblemCode } from './problem.ts';
import type { ScenarioRefs } from './refs.ts';

type Issue = z.core.$ZodIssue;
type Path = Array<string | number>;

/**
 * Turns zod issues (parsed with `reportInput: true`) into problems with codes and messages that
 * say what is allowed. Anything under `injects[i].params` is the injector's business: `bad-params`.
 */
export function problemsFromIssues(
  issues: readonly Issue[],
  refs: ScenarioRefs,
  raw: unknown,
): PathProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
    if (path[0] === 'injects' && path[2] === 'params') return paramsProblems(issue, path, refs, raw);
    return generalProblems(issue, path, refs);
  });
}

function generalProblems(issue: Issue, path: Path, refs: ScenarioRefs): PathProblem[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        code: 'unknown-key',
        message: `unknown key "${key}"; ${issue.message}`,
        on: 'key',
      }));
    case 'invalid_union':
      return [unionProblem(issue, path, refs)];
    case 'custom': {
      const tag: unknown = issue.params?.problem;
      return [
        { path, code: typeof tag === 'string' ? (tag as ProblemCode) : 'bad-value', message: issue.message },
      ];
    }
    default:
      return [{ path, code: valueCode(issue), message: describe(issue, path) }];
  }
}

function paramsProblems(issue: Issue, path: Path, refs: ScenarioRefs, raw: unknown): PathProblem[] {
  const injectorId = String(field(field(field(raw, 'injects'), path[1] ?? ''), 'injector'));
  const injector = refs.injectors.find((candidate) => candidate.id === injectorId);
  const prefix = `params of injector "${injectorId}"`;
  if (issue.code === 'unrecognized_keys') {
    const allowed = injector ? Object.keys(injector.params.shape).join(', ') : '';
    return issue.keys.map((key) => ({
      path: [...path, key],
      code: 'bad-params',
      message: `${prefix}: unknown param "${key}"; allowed: ${allowed || '(none)'}`,
      on: 'key',
    }));
  }
  const detail =
    issue.code === 'custom' || issue.code === 'invalid_format' ? issue.message : describe(issue, path);
  const where = path.length > 3 ? ` at ${path.slice(3).join('.')}` : '';
  return [{ path, code: 'bad-params', message: `${prefix}${where}: ${detail}` }];
}

function unionProblem(issue: Issue & { code: 'invalid_union' }, path: Path, refs: ScenarioRefs): PathProblem {
  const discriminator = issue.discriminator;
  if (!discriminator) return { path, code: 'bad-value', message: issue.message };
  const value = field(issue.input, discriminator);
  if (value === undefined)
    return { path, code: 'missing-field', message: `missing required field "${discriminator}"` };
  if (typeof value !== 'string') {
    return { path, code: 'wrong-type', message: `"${discriminator}" must be a string, got ${kindOf(value)}` };
  }
  if (discriminator === 'injector') {
    const registered = refs.injectors.map((injector) => injector.id).join(', ');
    return {
      path,
      code: 'unknown-injector',
      message: `unknown injector "${value}"; registered: ${registered}`,
    };
  }
  const options = ('options' in issue ? (issue.options ?? []) : []).map(String).join(', ');
  return { path, code: 'bad-value', message: `unknown ${discriminator} "${value}"; allowed: ${options}` };
}

function valueCode(issue: Issue): ProblemCode {
  if (issue.code !== 'invalid_type') return 'bad-value';
  return issue.input === undefined ? 'missing-field' : 'wrong-type';
}

function describe(issue: Issue, path: Path): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing required field "${String(path.at(-1))}"`
        : `expected ${article(issue.expected)}, got ${kindOf(issue.input)}`;
    case 'invalid_value':
      return `${JSON.stringify(issue.input)} is not allowed; expected one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}, got ${String(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      return `must be at most ${String(issue.maximum)}, got ${String(issue.input)}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null (empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Reads one step into parsed YAML without trusting its shape. */
export function field(value: unknown, key: string | number): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as Record<string | number, unknown>)[key];
}
