/**
 * Sink settings as they appear in a target file, one interface per `type` (and per HTTP `format`).
 * Secrets never appear here: a config names the environment variable that holds them.
 */

/** Delivery settings every sink shares. All optional; defaults in `DEFAULT_BATCHING`. */
export interface BatchSettings {
  /** Records per delivery: one POST, one append + fsync, one burst of syslog messages. Default 500. */
  batchSize?: number;
  /** Longest a record waits in the buffer before a partial batch goes out. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Bound on buffered plus in-flight records; writes beyond it are dropped and counted. Default 10000. */
  maxBuffer?: number;
  /** Delivery attempts per batch before its records count as failed. Default 5. */
  maxAttempts?: number;
  /** Delay before the first retry; doubles on each further attempt. Default 200 ms. */
  backoffMs?: number;
  /** Ceiling for the doubling retry delay. Default 30000 ms. */
  maxBackoffMs?: number;
  /** How long `close()` keeps delivering before counting what is left as failed. Default 10000 ms. */
  closeTimeoutMs?: number;
}

export const DEFAULT_BATCHING: Required<BatchSettings> = {
  batchSize: 500,
  flushIntervalMs: 1000,
  maxBuffer: 10_000,
  maxAttempts: 5,
  backoffMs: 200,
  maxBackoffMs: 30_000,
  closeTimeoutMs: 10_000,
};

/** Appends one record per line to a local file, rotating it like logrotate. */
export interface FileSinkConfig extends BatchSettings {
  type: 'file';
  id: string;
  /** File to append to; parent folders are created. */
  path: string;
  /** Rotate before a write would take the file past this size. Default: never rotate. */
  maxBytes?: number;
  /** Rotated files kept (`path.1` newest … `path.<keep>` oldest). Default 5. */
  keep?: number;
  /** Line written first in every new file (e.g. the EventLogFile CSV header from the encoder). */
  header?: string;
}

/** RFC 5424 syslog over UDP (one datagram per message) or TCP (RFC 6587 octet counting). */
export interface SyslogSinkConfig extends BatchSettings {
  type: 'syslog';
  id: string;
  transport: 'udp' | 'tcp';
  host: string;
  port: number;
  /** 0–23; default 13 (log audit). */
  facility?: number;
  /** 0–7; default 6 (informational). */
  severity?: number;
  /** HOSTNAME field; default this machine's host name. */
  hostname?: string;
  /** APP-NAME field; default `phi-drill`. */
  appName?: string;
  /** MSGID field; default `-` (none). */
  msgId?: string;
  /** STRUCTURED-DATA elements: SD-ID → parameters, e.g. `{ 'drill@32473': { run: 'r1' } }`. */
  structuredData?: Record<string, Record<string, string>>;
  /** Whole-message ceiling in bytes; longer messages are cut at a character boundary. Default 2048 (UDP), 65536 (TCP). */
  maxMessageBytes?: number;
  /** TCP connect timeout. Default 5000 ms. */
  connectTimeoutMs?: number;
}

/** What every HTTP sink shares. */
interface HttpCommon extends BatchSettings {
  type: 'http';
  id: string;
  /** Environment variable holding the token (Splunk HEC token, Elasticsearch API key, bearer token). */
  tokenEnv?: string;
  /** Extra, non-secret headers. `Authorization` is refused here: use tokenEnv or headersFromEnv. */
  headers?: Record<string, string>;
  /** Header name → environment variable holding its value (for secret headers other than the token). */
  headersFromEnv?: Record<string, string>;
  /** Per-request timeout. Default 10000 ms. */
  requestTimeoutMs?: number;
}

/** POSTs each batch as a JSON array; the token, if any, goes as `Authorization: Bearer`. */
export interface GenericHttpSinkConfig extends HttpCommon {
  format: 'generic';
  /** Full URL the batches are POSTed to. */
  url: string;
}

/** Splunk HTTP Event Collector, `/services/collector/event`, `Authorization: Splunk <token>`. */
export interface SplunkHecSinkConfig extends HttpCommon {
  format: 'splunk-hec';
  /** HEC base URL, e.g. `https://splunk.example.org:8088`; the event path is appended. */
  url: string;
  /** Event metadata; defaults: host = this machine, source = `phi-drill`, sourcetype = `_json`. */
  host?: string;
  source?: string;
  sourcetype?: string;
  /** Splunk index; default the token's default index. */
  index?: string;
}

/** Elasticsearch / OpenSearch `_bulk`; the token, if any, goes as `Authorization: ApiKey`. */
export interface ElasticsearchSinkConfig extends HttpCommon {
  format: 'elasticsearch';
  /** Cluster base URL, e.g. `https://es.example.org:9200`; `/_bulk` is appended. */
  url: string;
  index: string;
  /** Bulk action; data streams need `create`. Default `index`. */
  bulkAction?: 'index' | 'create';
}

export type HttpSinkConfig = GenericHttpSinkConfig | SplunkHecSinkConfig | ElasticsearchSinkConfig;

/** Broker credentials come from the environment, never from the URL or the target file. */
interface BrokerCommon extends BatchSettings {
  id: string;
  /** Environment variable holding the user name (AMQP, NATS user/password, Kafka SASL/PLAIN). */
  userEnv?: string;
  /** Environment variable holding the password. */
  passwordEnv?: string;
  /** How long one batch waits for the broker's acknowledgements before it is retried. Default 10000 ms. */
  ackTimeoutMs?: number;
  /** Connect timeout. Default 5000 ms. */
  connectTimeoutMs?: number;
}

/**
 * NATS JetStream: each record is published to `subject` and counts as sent only once the stream
 * acknowledges it. Every record carries a `Nats-Msg-Id`, so a batch resent after a lost
 * acknowledgement is stored once (within the stream's duplicate window).
 */
export interface NatsSinkConfig extends BrokerCommon {
  type: 'nats';
  /** `nats://host:port`, without credentials. */
  url: string;
  subject: string;
  /** A stream to make (capturing `subject`) if none by that name exists yet. Default: the stream must exist. */
  stream?: string;
  /** Environment variable holding a NATS token (instead of user/password). */
  tokenEnv?: string;
}

/**
 * AMQP 0-9-1 (RabbitMQ): persistent messages on a publisher-confirm channel, published `mandatory`
 * so a message no queue takes comes back and counts as failed instead of vanishing.
 */
export interface AmqpSinkConfig extends BrokerCommon {
  type: 'amqp';
  /** `amqp://host:port/vhost`, without credentials. */
  url: string;
  exchange: string;
  routingKey: string;
  /** Declare the exchange (durable) with this type if missing. Default: the exchange must exist. */
  declare?: 'topic' | 'direct' | 'fanout';
}

/** Apache Kafka: one produce request per batch with `acks=-1` (all in-sync replicas). */
export interface KafkaSinkConfig extends BrokerCommon {
  type: 'kafka';
  /** Bootstrap brokers, `host:port`. */
  brokers: string[];
  topic: string;
  /** Kafka client id. Default `phi-drill`. */
  clientId?: string;
  /** TLS to the brokers. Default off. With userEnv/passwordEnv, SASL/PLAIN is used. */
  ssl?: boolean;
}

export type BrokerSinkConfig = NatsSinkConfig | AmqpSinkConfig | KafkaSinkConfig;

export type SinkConfig = FileSinkConfig | SyslogSinkConfig | HttpSinkConfig | BrokerSinkConfig;
