import { phiInUrl } from '../controls/url-phi.ts';
import { type CheckResult, result } from './checks.ts';
import type { PageVisit } from './walk.ts';

/** A request the page tried to send to another host (never delivered), with its Referer. */
export interface ThirdParty {
  url: string;
  referer?: string;
}

const hostOf = (url: string) => new URL(url).hostname;

export function pageChecks(
  visits: PageVisit[],
  sessionValues: string[],
  thirdParty: ThirdParty[],
): CheckResult[] {
  const cached = visits.filter(
    (visit) => visit.signedIn && visit.status === 200 && !/no-store/i.test(visit.cacheControl ?? ''),
  );
  const inUrl = visits.filter(
    (visit) => phiInUrl(visit.url).length > 0 || sessionValues.some((value) => visit.url.includes(value)),
  );
  const leaks = thirdParty.filter(
    (hit) =>
      phiInUrl(hit.url).length > 0 ||
      (hit.referer !== undefined && phiInUrl(hit.referer).length > 0) ||
      sessionValues.some((value) => hit.url.includes(value) || hit.referer?.includes(value)),
  );
  const unreachable = visits.filter((visit) => visit.unreachable.length > 0);
  const remembered = visits.filter((visit) => visit.remembered.length > 0);
  const list = (items: PageVisit[], what: (visit: PageVisit) => string) =>
    items.map((visit) => `${new URL(visit.url).pathname}: ${what(visit)}`).join('; ');
  return [
    result(
      'no-store',
      cached.length ? 'finding' : 'pass',
      cached.length
        ? list(cached, (visit) => `Cache-Control: ${visit.cacheControl ?? '(none)'}`)
        : `${visits.filter((visit) => visit.signedIn).length} signed-in pages send no-store`,
      cached.map((visit) => visit.url),
    ),
    result(
      'no-sensitive-data-in-url',
      inUrl.length ? 'finding' : 'pass',
      inUrl.length
        ? list(inUrl, (visit) => phiInUrl(visit.url).join(', ') || 'session token')
        : 'no identifiers or token in any URL',
      inUrl.map((visit) => visit.url),
    ),
    result(
      'third-party-leak',
      leaks.length ? 'finding' : 'pass',
      leaks.length
        ? leaks
            .map(
              (hit) =>
                `${hostOf(hit.url)} got ${[...phiInUrl(hit.url), ...(hit.referer ? phiInUrl(hit.referer).map((label) => `Referer ${label}`) : [])].join(', ')}`,
            )
            .join('; ')
        : `${thirdParty.length} third-party requests carried no identifiers (none were sent: other hosts are blocked)`,
    ),
    result(
      'keyboard-path',
      unreachable.length ? 'finding' : 'pass',
      unreachable.length
        ? list(unreachable, (visit) => `no keyboard path to ${visit.unreachable.join(', ')}`)
        : 'every form control reachable by Tab',
      unreachable.map((visit) => visit.url),
    ),
    result(
      'autocomplete-sensitive',
      remembered.length ? 'finding' : 'pass',
      remembered.length
        ? list(remembered, (visit) => visit.remembered.join(', '))
        : 'sensitive fields are not remembered',
      remembered.map((visit) => visit.url),
    ),
  ];
}

export function axeChecks(visits: PageVisit[]): CheckResult[] {
  const byRule = new Map<string, CheckResult>();
  for (const visit of visits) {
    for (const finding of visit.axe) {
      const row = byRule.get(finding.rule) ?? {
        id: `wcag:${finding.rule}` as const,
        title: finding.help,
        status: 'finding' as const,
        cites: finding.criteria.map((sc) => `WCAG 2.2 SC ${sc}`),
        detail: '',
        pages: [],
      };
      row.pages!.push(visit.url);
      row.detail = `${row.pages!.length} page(s); e.g. ${new URL(visit.url).pathname} ${finding.targets.slice(0, 3).join(', ')}`;
      byRule.set(finding.rule, row);
    }
  }
  return [...byRule.values()];
}
