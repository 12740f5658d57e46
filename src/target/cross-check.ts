import type { PathProblem } from '../scenario/problem.ts';
import { isLoopback } from '../telemetry/sinks/sink-deps.ts';
import type { Target } from './schema.ts';

/** The hosts a telemetry route would connect to (none for a file). */
export function routeHosts(route: Target['telemetry'][number]): string[] {
  switch (route.type) {
    case 'file':
      return [];
    case 'syslog':
      return [route.host];
    case 'kafka':
      return route.brokers.map((broker) => broker.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1'));
    default:
      return [new URL(route.url).hostname.replace(/^\[(.*)\]$/, '$1')];
  }
}

/**
 * What the schema cannot say: controls to disable must exist, ids must be unique, and every
 * non-loopback destination must be allow-listed by name (safe by default).
 */
export function crossCheckTarget(target: Target, controlIds: ReadonlySet<string>): PathProblem[] {
  const problems: PathProblem[] = [];
  target.disableControls.forEach((id, index) => {
    if (!controlIds.has(id)) {
      problems.push({
        path: ['disableControls', index],
        code: 'unknown-control',
        message: `unknown control "${id}"; registered: ${[...controlIds].join(', ')}`,
      });
    }
  });
  const seen = new Map<string, string>();
  for (const [list, items] of [
    ['telemetry', target.telemetry],
    ['intakes', target.intakes],
  ] as const) {
    items.forEach((item, index) => {
      const where = `${list}[${index}]`;
      if (seen.has(item.id)) {
        problems.push({
          path: [list, index, 'id'],
          code: 'duplicate-id',
          message: `id "${item.id}" is already used by ${seen.get(item.id)}`,
        });
      }
      seen.set(item.id, where);
    });
  }
  const allowed = new Set(target.allowHosts.map((host) => host.toLowerCase()));
  target.telemetry.forEach((route, index) => {
    for (const host of routeHosts(route)) {
      if (isLoopback(host) || allowed.has(host.toLowerCase())) continue;
      problems.push({
        path: [
          'telemetry',
          index,
          route.type === 'syslog' ? 'host' : route.type === 'kafka' ? 'brokers' : 'url',
        ],
        code: 'bad-value',
        message: `host "${host}" is not loopback and not in allowHosts; add it there to send telemetry to it`,
      });
    }
  });
  const authority = target.witness.timestamp && new URL(target.witness.timestamp.url).hostname;
  if (
    authority &&
    !isLoopback(authority) &&
    !allowed.has(authority.replace(/^\[(.*)\]$/, '$1').toLowerCase())
  ) {
    problems.push({
      path: ['witness', 'timestamp', 'url'],
      code: 'bad-value',
      message: `host "${authority}" is not loopback and not in allowHosts; add it there to timestamp with it`,
    });
  }
  return problems;
}
