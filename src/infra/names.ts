/**
 * Everything a run creates on real infrastructure, named from one namespace (by default the run
 * id), so two runs never meet and `cleanup` knows exactly what to remove.
 */
export interface InfraNames {
  namespace: string;
  /** PostgreSQL schema holding the staging table. */
  schema: string;
  /** RabbitMQ exchange the sync job publishes to, its work queue, dead-letter exchange and queue. */
  exchange: string;
  workQueue: string;
  deadLetterExchange: string;
  deadLetterQueue: string;
  /** Redis key prefix for portal sessions and the ownership marker. */
  keyPrefix: string;
}

const NAMESPACE = /^[a-z0-9][a-z0-9_]{0,40}$/;

/** A namespace from a run id (`20261207T024000Z-a1b2c3` → `phi_drill_20261207t024000z_a1b2c3`). */
export function namespaceForRun(runId: string): string {
  return `phi_drill_${runId.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
}

export function checkNamespace(namespace: string): string | undefined {
  return NAMESPACE.test(namespace)
    ? undefined
    : `namespace "${namespace}" must be lowercase letters, digits and _ (at most 41 characters)`;
}

export function infraNames(namespace: string): InfraNames {
  const dotted = namespace.replaceAll('_', '-');
  return {
    namespace,
    schema: namespace,
    exchange: `${dotted}.sync`,
    workQueue: `${dotted}.sync.crm-upsert`,
    deadLetterExchange: `${dotted}.sync.dlx`,
    deadLetterQueue: `${dotted}.sync.dlq`,
    keyPrefix: `${dotted}:`,
  };
}

/** What the ownership markers say: the drill that created the namespace. */
export function ownerMarker(namespace: string): string {
  return `phi-drill namespace ${namespace}`;
}

/** The namespace already holds data phi-drill did not write there. */
export class ForeignNamespaceError extends Error {
  override name = 'ForeignNamespaceError';
}
