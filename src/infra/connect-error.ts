import type { ServiceName } from './service-urls.ts';
import { redactUrl, SERVICE_ENV } from './service-urls.ts';

const LABEL: Record<ServiceName, string> = { postgres: 'PostgreSQL', amqp: 'RabbitMQ', redis: 'Redis' };

/**
 * One line saying why a server could not be used: unreachable, refused credentials, or something
 * else the driver said. Never a stack trace; the URL is shown without its password.
 */
export function describeConnectError(service: ServiceName, url: string, error: unknown): string {
  const where = `${LABEL[service]} (${SERVICE_ENV[service]}=${redactUrl(url)})`;
  return `${where} ${reason(error)}`;
}

function reason(error: unknown): string {
  const { code, message } = fields(error);
  const text = `${code ?? ''} ${message}`;
  if (/ECONNREFUSED/.test(text)) return 'is unreachable: connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'is unreachable: host not found';
  if (/ETIMEDOUT|timeout|timed out/i.test(text)) return 'is unreachable: timed out';
  if (/ECONNRESET|socket closed|Socket closed|closed unexpectedly/i.test(text))
    return 'closed the connection';
  // PostgreSQL: 28P01 wrong password, 28000 no such role / not allowed; RabbitMQ: ACCESS_REFUSED;
  // Redis: WRONGPASS / NOAUTH.
  if (/28P01|28000|ACCESS.REFUSED|WRONGPASS|NOAUTH|authentication failed|password/i.test(text))
    return `refused the credentials: ${firstLine(message)}`;
  if (/3D000/.test(text)) return `has no such database: ${firstLine(message)}`;
  if (/NOT.ALLOWED|vhost/i.test(text)) return `refused the virtual host: ${firstLine(message)}`;
  return `failed: ${firstLine(message) || 'unknown error'}`;
}

function fields(error: unknown): { code?: string; message: string } {
  if (error instanceof AggregateError && error.errors.length > 0) return fields(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: code === undefined ? undefined : String(code), message: error.message };
  }
  return { message: String(error) };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
