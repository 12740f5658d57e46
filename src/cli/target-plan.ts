import { formatDuration } from '../clock/duration.ts';
import type { Plan } from '../run/plan.ts';
import { routeHosts } from '../target/cross-check.ts';
import type { Target } from '../target/schema.ts';

/** Where a telemetry route would send records, in words. */
function destination(route: Target['telemetry'][number]): string {
  switch (route.type) {
    case 'file':
      return `file ${route.path}`;
    case 'syslog':
      return `syslog/${route.transport} ${route.host}:${route.port}`;
    case 'http':
      return `${route.format} POST ${route.url}`;
    case 'nats':
      return `NATS JetStream ${route.subject} at ${route.url}`;
    case 'amqp':
      return `AMQP exchange ${route.exchange} (key ${route.routingKey || '""'}) at ${route.url}`;
    case 'kafka':
      return `Kafka topic ${route.topic} at ${route.brokers.join(', ')}`;
  }
}

/**
 * `run --target … --plan`: exactly what a real-clock drill would send where, what it would listen on,
 * and how long it would take. Opens no socket and writes nothing.
 */
export function renderTargetPlan(target: Target, plans: readonly Plan[]): string {
  const lines = [`Target ${target.id}${target.description ? ` — ${target.description}` : ''}`, ''];
  lines.push('Telemetry out:');
  if (target.telemetry.length === 0) lines.push('  (none)');
  for (const route of target.telemetry) {
    const hosts = routeHosts(route);
    const systems = route.systems ? route.systems.join(', ') : 'all systems';
    lines.push(
      `  ${route.id}: ${route.encoder} records of ${systems} → ${destination(route)}${hosts.length > 0 ? ` (host ${hosts.join(', ')})` : ''}`,
    );
  }
  lines.push('', 'Listening (loopback only):');
  if (target.intakes.length === 0) lines.push('  (none)');
  for (const intake of target.intakes) {
    const port = 'port' in intake && intake.port ? `127.0.0.1:${intake.port}` : 'a free port on 127.0.0.1';
    const where =
      intake.type === 'file' ? intake.path : intake.type === 'command' ? `runs ${intake.command}` : port;
    lines.push(`  ${intake.id}: ${intake.type} ${where}`);
  }
  lines.push('', `Allow-listed hosts: ${target.allowHosts.join(', ') || 'none (loopback only)'}`);
  lines.push(`Built-in controls switched off: ${target.disableControls.join(', ') || 'none'}`);
  lines.push(`Correlation id carried in: ${target.correlation.surface.join(', ') || 'nothing'}`);
  lines.push(
    `Estate for your responders: ${target.estate.serve ? `${target.estate.port ? `127.0.0.1:${target.estate.port}` : 'a free port on 127.0.0.1'} (OAuth revoke, REST, FHIR, portal)` : 'not served'}`,
  );
  lines.push(
    `Breach clock: ${target.breachClock.compress === 1 ? 'the legal clock' : `compressed ${target.breachClock.compress}× (every legal window scaled alike)`}`,
  );
  lines.push(
    `Witnesses: the ledger head to every telemetry sink${target.witness.timestamp ? `; RFC 3161 timestamp from ${target.witness.timestamp.url}` : ''}`,
  );
  for (const plan of plans) {
    lines.push(
      '',
      `Scenario ${plan.scenarioId} (real clock, ${formatDuration(plan.end - plan.start)} in all):`,
    );
    lines.push(`  steady state ${formatDuration(plan.t0 - plan.start)}`);
    lines.push(
      `  background traffic ${plan.background}, ${plan.backgroundScale ? `${plan.backgroundScale}× its real rate` : 'at its real rate'}, before and after the injects`,
    );
    for (const inject of plan.injects) {
      lines.push(
        `  T+${formatDuration(inject.at - plan.t0)} inject ${inject.id} (${inject.injector}), correlation ${inject.correlationId}`,
      );
    }
    for (const e of plan.expectations) {
      const match =
        e.type === 'detect'
          ? ` matching ${Object.entries(e.match)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`
          : '';
      lines.push(`  ${e.type} ${e.id} within ${formatDuration(e.withinMs)} of ${e.inject}${match}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
