/** Where the estate's data plane (staging table, queues, portal sessions) lives for a run. */
export const INFRA_KINDS = ['memory', 'services', 'containers'] as const;
export type InfraKind = (typeof INFRA_KINDS)[number];

export function isInfraKind(text: string): text is InfraKind {
  return (INFRA_KINDS as readonly string[]).includes(text);
}
