import { basename } from 'node:path';
import { encryptionFactProblems } from './encryption-facts.ts';
import { field } from './issues.ts';
import type { PathProblem } from './problem.ts';
import type { ScenarioRefs } from './refs.ts';

/**
 * Checks the schema cannot express: references between parts of the file and into the registries.
 * Works on the raw parsed YAML so these problems are reported alongside schema problems; a value
 * of the wrong shape is skipped here because the schema already reports it.
 */
export function crossCheck(raw: unknown, file: string, refs: ScenarioRefs): PathProblem[] {
  const problems: PathProblem[] = [];
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  const id = field(raw, 'id');
  if (typeof id === 'string' && id !== expectedId) {
    problems.push({
      path: ['id'],
      code: 'id-mismatch',
      message: `id "${id}" must equal the file's base name "${expectedId}"`,
    });
  }

  const injects = list(field(raw, 'injects'));
  const expectations = list(field(raw, 'expectations'));
  const firstUse = new Map<string, string>();
  const claimId = (section: string, index: number, item: unknown) => {
    const itemId = field(item, 'id');
    if (typeof itemId !== 'string') return;
    const where = `${section}[${index}].id`;
    const first = firstUse.get(itemId);
    if (first === undefined) firstUse.set(itemId, where);
    else
      problems.push({
        path: [section, index, 'id'],
        code: 'duplicate-id',
        message: `duplicate id "${itemId}"; first used at ${first}`,
      });
  };
  for (const [index, inject] of injects.entries()) claimId('injects', index, inject);
  for (const [index, expectation] of expectations.entries()) claimId('expectations', index, expectation);

  const injectorOf = new Map<string, unknown>();
  for (const inject of injects) {
    const injectId = field(inject, 'id');
    if (typeof injectId === 'string' && !injectorOf.has(injectId))
      injectorOf.set(injectId, field(inject, 'injector'));
  }

  expectations.forEach((expectation, index) => {
    const at = ['expectations', index];
    const inject = field(expectation, 'inject');
    if (typeof inject === 'string' && !injectorOf.has(inject)) {
      const known = [...injectorOf.keys()].join(', ') || '(none)';
      problems.push({
        path: [...at, 'inject'],
        code: 'unknown-inject',
        message: `unknown inject "${inject}"; injects in this scenario: ${known}`,
      });
    }
    const type = field(expectation, 'type');
    if (type === 'detect')
      problems.push(...checkSelector(field(expectation, 'match'), [...at, 'match'], refs));
    if (type === 'log') problems.push(...checkTrail(expectation, at, refs));
    if (type === 'contain' && typeof inject === 'string') {
      problems.push(...checkCondition(field(expectation, 'condition'), injectorOf.get(inject), at, refs));
    }
  });
  problems.push(...encryptionFactProblems(raw, injects, refs));
  return problems;
}

function checkSelector(match: unknown, at: Array<string | number>, refs: ScenarioRefs): PathProblem[] {
  if (typeof match !== 'object' || match === null || Array.isArray(match)) return [];
  const control = field(match, 'control');
  const rule = field(match, 'rule');
  if (control === undefined && rule === undefined && field(match, 'correlation') === undefined) {
    return [
      {
        path: at,
        code: 'empty-selector',
        message:
          'match selects nothing; give at least one of control, rule, correlation (an empty selector never matches)',
      },
    ];
  }
  if (typeof control === 'string') {
    const known = refs.controls.find((candidate) => candidate.id === control);
    if (!known) {
      const registered = refs.controls.map((candidate) => candidate.id).join(', ');
      return [
        {
          path: [...at, 'control'],
          code: 'unknown-control',
          message: `unknown control "${control}"; registered: ${registered}`,
        },
      ];
    }
    if (typeof rule === 'string' && !known.rules.includes(rule)) {
      return [
        {
          path: [...at, 'rule'],
          code: 'unknown-rule',
          message: `control "${control}" has no rule "${rule}"; its rules: ${known.rules.join(', ')}`,
        },
      ];
    }
    return [];
  }
  const allRules = refs.controls.flatMap((candidate) => candidate.rules);
  if (control === undefined && typeof rule === 'string' && !allRules.includes(rule)) {
    return [
      {
        path: [...at, 'rule'],
        code: 'unknown-rule',
        message: `no registered control has rule "${rule}"; known rules: ${allRules.join(', ')}`,
      },
    ];
  }
  return [];
}

function checkTrail(expectation: unknown, at: Array<string | number>, refs: ScenarioRefs): PathProblem[] {
  const trailId = field(expectation, 'trail');
  if (typeof trailId !== 'string') return [];
  const trail = refs.trails.find((candidate) => candidate.id === trailId);
  if (!trail) {
    const registered = refs.trails.map((candidate) => candidate.id).join(', ');
    return [
      {
        path: [...at, 'trail'],
        code: 'unknown-trail',
        message: `unknown trail "${trailId}"; registered: ${registered}`,
      },
    ];
  }
  return list(field(expectation, 'fields')).flatMap((name, index): PathProblem[] =>
    typeof name === 'string' && !trail.fields.includes(name)
      ? [
          {
            path: [...at, 'fields', index],
            code: 'unknown-field',
            message: `trail "${trailId}" has no field "${name}"; its fields: ${trail.fields.join(', ')}`,
          },
        ]
      : [],
  );
}

function checkCondition(
  condition: unknown,
  injectorId: unknown,
  at: Array<string | number>,
  refs: ScenarioRefs,
): PathProblem[] {
  if (typeof condition !== 'string') return [];
  const injector = refs.injectors.find((candidate) => candidate.id === injectorId);
  if (!injector || injector.conditions.includes(condition)) return [];
  const offered = injector.conditions.join(', ') || '(none)';
  return [
    {
      path: [...at, 'condition'],
      code: 'unknown-condition',
      message: `injector "${injector.id}" offers no condition "${condition}"; it offers: ${offered}`,
    },
  ];
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
