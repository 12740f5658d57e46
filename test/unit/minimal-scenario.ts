/**
 * The smallest scenario the loader accepts against the test registry: one inject and one detect
 * expectation on it. Tests change or add what they are about and leave the rest valid.
 */
export function minimalScenario(): Record<string, unknown> {
  return {
    id: 'drill',
    title: 'A drill',
    summary: 'Something leaks.',
    severity: 'high',
    hipaa: ['164.312(b)'],
    injects: [{ id: 'pull', at: '1h', injector: 'oauth-overscope' }],
    expectations: [
      {
        id: 'seen',
        type: 'detect',
        inject: 'pull',
        within: '15m',
        match: { control: 'oauth-scope-anomaly' },
      },
    ],
  };
}
