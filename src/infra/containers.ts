import type { ServiceUrls } from './service-urls.ts';

/** Images the `containers` provider starts; pinned majors, small variants. */
export const CONTAINER_IMAGES = {
  postgres: 'postgres:17-alpine',
  rabbitmq: 'rabbitmq:4-alpine',
  redis: 'redis:7-alpine',
} as const;

/** What `--infra containers` says when no container engine answers. */
export const NO_CONTAINER_ENGINE =
  '--infra containers needs a Docker-compatible engine (DOCKER_HOST, a local docker.sock, Podman or Colima) and none answered; run with --infra services and PHI_DRILL_POSTGRES_URL, PHI_DRILL_AMQP_URL, PHI_DRILL_REDIS_URL instead';

/**
 * The three container definitions, not started: PostgreSQL with a `phi_drill` database, RabbitMQ
 * and Redis, each on a random host port. testcontainers is loaded only when asked for.
 */
export async function containerDefinitions() {
  const [{ PostgreSqlContainer }, { RabbitMQContainer }, { RedisContainer }] = await Promise.all([
    import('@testcontainers/postgresql'),
    import('@testcontainers/rabbitmq'),
    import('@testcontainers/redis'),
  ]);
  return {
    postgres: new PostgreSqlContainer(CONTAINER_IMAGES.postgres)
      .withDatabase('phi_drill')
      .withLabels({ 'org.phi-drill': 'data-plane' }),
    rabbitmq: new RabbitMQContainer(CONTAINER_IMAGES.rabbitmq).withLabels({ 'org.phi-drill': 'data-plane' }),
    redis: new RedisContainer(CONTAINER_IMAGES.redis).withLabels({ 'org.phi-drill': 'data-plane' }),
  };
}

/** Whether a container engine answers; testcontainers fails within milliseconds when none does. */
export async function containerEngine(): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return { ok: true };
  } catch {
    return { ok: false, error: NO_CONTAINER_ENGINE };
  }
}

export interface StartedServices {
  urls: ServiceUrls;
  stop(): Promise<void>;
}

/** Starts the three containers; a failure stops whatever had started. */
export async function startContainers(): Promise<StartedServices> {
  const definitions = await containerDefinitions();
  const started: Array<{ stop(): Promise<unknown> }> = [];
  try {
    const postgres = await definitions.postgres.start();
    started.push(postgres);
    const rabbitmq = await definitions.rabbitmq.start();
    started.push(rabbitmq);
    const redis = await definitions.redis.start();
    started.push(redis);
    return {
      urls: {
        postgres: postgres.getConnectionUri(),
        amqp: rabbitmq.getAmqpUrl(),
        redis: redis.getConnectionUrl(),
      },
      stop: async () => {
        await Promise.allSettled(started.map((container) => container.stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((container) => container.stop()));
    throw error;
  }
}
