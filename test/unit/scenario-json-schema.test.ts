import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.ts';
import { testRefs } from './scenario-test-refs.ts';

type Json = Record<string, unknown>;

function variants(schema: Json, key: 'injects' | 'expectations'): Json[] {
  const properties = schema.properties as Record<string, Json>;
  return ((properties[key]!.items as Json).oneOf as Json[]) ?? [];
}

describe('scenario JSON Schema', () => {
  it('is draft 2020-12, plain JSON and the same on every call', () => {
    const schema = scenarioJsonSchema(testRefs);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(JSON.stringify(scenarioJsonSchema(testRefs))).toBe(JSON.stringify(schema));
  });

  it('offers one inject shape per registered injector, each with its own strict params', () => {
    const injects = variants(scenarioJsonSchema(testRefs), 'injects');
    const byInjector = Object.fromEntries(
      injects.map((variant) => {
        const properties = variant.properties as Record<string, Json>;
        return [properties.injector!.const, properties.params!];
      }),
    );
    expect(Object.keys(byInjector)).toEqual(['sync-failure', 'oauth-overscope', 'portal-session-reuse']);
    expect(Object.keys(byInjector['oauth-overscope']!.properties as Json)).toEqual(['rows', 'hourLocal']);
    expect(Object.keys(byInjector['portal-session-reuse']!.properties as Json)).toEqual(['reuseAfter']);
    expect(byInjector['sync-failure']!.additionalProperties).toBe(false);
  });

  it('describes fields for editors and rejects unknown keys', () => {
    const schema = scenarioJsonSchema(testRefs);
    expect(schema.title).toBe('phi-drill scenario');
    expect(schema.additionalProperties).toBe(false);
    const estate = (schema.properties as Record<string, Json>).estate!;
    expect((estate.properties as Record<string, Json>).steadyState).toMatchObject({
      default: '24h',
      description: expect.stringContaining('before T0'),
      pattern: expect.any(String),
    });
  });

  it('offers every expectation type, with registered controls as completions', () => {
    const expectations = variants(scenarioJsonSchema(testRefs), 'expectations');
    expect(expectations.map((variant) => variant.title)).toEqual([
      'detect',
      'log',
      'contain',
      'notify',
      'manual',
    ]);
    const detect = expectations[0]!.properties as Record<string, Json>;
    const match = detect.match!.properties as Record<string, Json>;
    expect(match.control!.examples).toEqual([
      'sync-residue-scanner',
      'oauth-scope-anomaly',
      'portal-session-guard',
    ]);
  });
});
