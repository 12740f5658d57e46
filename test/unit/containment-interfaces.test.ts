import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/registry.ts';
import { renderContainmentTable } from '../../src/report/containment-table.ts';
import { loadCatalog } from '../../src/scenario/catalog.ts';
import { CONTAINMENT } from '../../src/scenario/containment.ts';

const registry = createRegistry();

describe('containment per scenario', () => {
  it('describes every condition every injector offers, and nothing else', () => {
    const offered = [...registry.injectors.values()].flatMap((injector) =>
      injector.conditions.map((condition) => `${injector.id}/${condition}`),
    );
    const described = CONTAINMENT.map((route) => `${route.injector}/${route.condition}`);
    expect(described.toSorted()).toEqual(offered.toSorted());
    expect(new Set(described).size).toBe(described.length);
  });

  it('lists every catalog contain expectation with its interface', async () => {
    const catalog = await loadCatalog('scenarios', registry.refs);
    const table = renderContainmentTable(catalog.scenarios);
    const contains = catalog.scenarios.flatMap((s) => s.expectations.filter((e) => e.type === 'contain'));
    expect(table.split('\n')).toHaveLength(contains.length + 2);
    expect(table).toMatch(
      /\| `oauth-overscope` \| `revoke-app-tokens` \| `token-revoked` \| .* \| `DELETE \/services\/data\/vXX\.X\/sobjects\/OauthToken\/\{Id\}/,
    );
    expect(table).toMatch(
      /\| `portal-session-reuse` \| .* \| `DELETE \/portal\/admin\/sessions\/\{key\} \(Bearer: the responder administrator’s CRM token\)` \|/,
    );
    expect(table).not.toMatch(/none yet/);
  });

  it('names at least one estate interface for every route, so no pattern ships contained by the built-in responder alone', () => {
    const without = CONTAINMENT.filter((route) => route.interfaces.length === 0).map(
      (route) => `${route.injector}/${route.condition}`,
    );
    expect(without).toEqual([]);
    for (const route of CONTAINMENT) {
      for (const entry of route.interfaces)
        expect(entry, route.injector).toMatch(/^(GET|PUT|POST|PATCH|DELETE) \//);
    }
  });
});
