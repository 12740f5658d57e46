import pg from 'pg';
import type { StagingRow } from '../estate/sync/index.ts';
import { ForeignNamespaceError, type InfraNames, ownerMarker } from './names.ts';

export const STAGING_TABLE = 'sync_staging';

/** A staging row as the table holds it: what a database scanner reads. */
export interface StoredStagingRow {
  id: string;
  messageId: string;
  patientId: string;
  encrypted: boolean;
  payload: string;
}

/**
 * The sync job's staging table in a real PostgreSQL schema. Plaintext rows carry the full patient
 * change as JSON (the weakness); encrypted rows carry AES-GCM ciphertext in the same column (the
 * remediation). `written_at` is the drill clock's time, stored as data.
 */
export interface PostgresStaging {
  /** Whether this run created the schema (and so drops it), or only its table in a schema it was told to use. */
  readonly createdSchema: boolean;
  write(row: Readonly<StagingRow>): Promise<void>;
  remove(messageId: string): Promise<void>;
  clear(): Promise<void>;
  rows(): Promise<StoredStagingRow[]>;
  /** Removes what this run created; then closes. */
  drop(): Promise<void>;
  close(): Promise<void>;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Connects with a short timeout; `pg` reports refused, unknown host and bad password distinctly. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  // A server lost mid-run surfaces as a failed query; the client must not crash the process.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/**
 * Creates the schema (marked as phi-drill's by its comment) and the staging table. Refuses a schema
 * that exists without phi-drill's marker unless `allowForeign`.
 */
export async function openPostgresStaging(
  url: string,
  names: InfraNames,
  options: { allowForeign?: boolean } = {},
): Promise<PostgresStaging> {
  const client = await connectPostgres(url);
  const schema = ident(names.schema);
  const table = `${schema}.${ident(STAGING_TABLE)}`;
  try {
    const existing = await client.query<{ comment: string | null; objects: string }>(
      `SELECT obj_description(n.oid, 'pg_namespace') AS comment,
              (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid)::text AS objects
         FROM pg_namespace n WHERE n.nspname = $1`,
      [names.schema],
    );
    const found = existing.rows[0];
    const ours = found?.comment === ownerMarker(names.namespace);
    if (found && !ours && Number(found.objects) > 0 && !options.allowForeign) {
      throw new ForeignNamespaceError(
        `PostgreSQL schema ${names.schema} already holds ${found.objects} object(s) phi-drill did not create; pick another namespace or pass --infra-allow-foreign`,
      );
    }
    if (!found) {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`COMMENT ON SCHEMA ${schema} IS '${ownerMarker(names.namespace)}'`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
      id text PRIMARY KEY,
      message_id text NOT NULL UNIQUE,
      patient_id text NOT NULL,
      written_at timestamptz NOT NULL,
      encrypted boolean NOT NULL,
      payload text NOT NULL,
      key_id text,
      iv text,
      auth_tag text
    )`);
    const createdSchema = !found || ours;
    return {
      createdSchema,
      async write(row) {
        await client.query(
          `INSERT INTO ${table} (id, message_id, patient_id, written_at, encrypted, payload, key_id, iv, auth_tag)
           VALUES ($1, $2, $3, to_timestamp($4 / 1000.0), $5, $6, $7, $8, $9)
           ON CONFLICT (message_id) DO NOTHING`,
          [
            row.id,
            row.messageId,
            row.patientId,
            row.writtenAt,
            row.encrypted,
            row.payload,
            row.keyId ?? null,
            row.iv ?? null,
            row.authTag ?? null,
          ],
        );
      },
      async remove(messageId) {
        await client.query(`DELETE FROM ${table} WHERE message_id = $1`, [messageId]);
      },
      async clear() {
        await client.query(`DELETE FROM ${table}`);
      },
      async rows() {
        const result = await client.query<{
          id: string;
          message_id: string;
          patient_id: string;
          encrypted: boolean;
          payload: string;
        }>(`SELECT id, message_id, patient_id, encrypted, payload FROM ${table} ORDER BY id`);
        return result.rows.map((row) => ({
          id: row.id,
          messageId: row.message_id,
          patientId: row.patient_id,
          encrypted: row.encrypted,
          payload: row.payload,
        }));
      },
      async drop() {
        await dropStaging(client, names, createdSchema);
        await client.end();
      },
      close: () => client.end(),
    };
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** Drops the schema (when phi-drill created it) or only the staging table. */
export async function dropStaging(
  client: pg.Client,
  names: InfraNames,
  createdSchema: boolean,
): Promise<void> {
  const schema = ident(names.schema);
  if (createdSchema) {
    const marker = await client.query<{ comment: string | null }>(
      `SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`,
      [names.schema],
    );
    // Only a schema that still carries our marker is dropped whole.
    if (marker.rows[0]?.comment === ownerMarker(names.namespace)) {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      return;
    }
  }
  await client.query(`DROP TABLE IF EXISTS ${schema}.${ident(STAGING_TABLE)}`);
}
