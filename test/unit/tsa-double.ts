import { execFile, execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A time-stamping authority on loopback for tests: OpenSSL's own `ts -reply` signs each request with
 * a throwaway P-256 key and self-signed certificate made in `folder`, so our request encoding and
 * reply parsing meet an implementation we did not write. `mode` makes it misbehave.
 */
export interface TsaDouble {
  url: string;
  mode: 'grant' | 'reject' | 'replay' | 'wrong-type';
  requests: number;
  /** The authority's key, certificate and `openssl ts` configuration. */
  files: { key: string; cert: string; config: string };
  close(): Promise<void>;
}

export async function startTsaDouble(folder: string): Promise<TsaDouble> {
  const key = join(folder, 'tsa-key.pem');
  const cert = join(folder, 'tsa-cert.pem');
  const config = join(folder, 'tsa.cnf');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      '/CN=Drill Test TSA',
      '-days',
      '1',
      '-addext',
      'extendedKeyUsage=critical,timeStamping',
    ],
    { stdio: 'ignore' },
  );
  await writeFile(join(folder, 'tsa-serial'), '01\n');
  await writeFile(
    config,
    [
      '[ tsa ]',
      'default_tsa = drill',
      '[ drill ]',
      `serial = ${join(folder, 'tsa-serial')}`,
      'crypto_device = builtin',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.55555.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let first: Buffer | undefined;
  const double: TsaDouble = {
    url: '',
    mode: 'grant',
    requests: 0,
    files: { key, cert, config },
    close: async () => {},
  };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    double.requests += 1;
    if (double.mode === 'reject') {
      // TimeStampResp { PKIStatusInfo { status rejection(2) } }
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      response.end(Buffer.from([0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]));
      return;
    }
    const query = join(folder, `query-${double.requests}.tsq`);
    const reply = join(folder, `reply-${double.requests}.tsr`);
    await writeFile(query, Buffer.concat(chunks));
    await run('openssl', [
      'ts',
      '-reply',
      '-config',
      config,
      '-queryfile',
      query,
      '-inkey',
      key,
      '-signer',
      cert,
      '-out',
      reply,
    ]);
    const answer = await readFile(reply);
    first ??= answer;
    response.writeHead(200, {
      'content-type': double.mode === 'wrong-type' ? 'text/html' : 'application/timestamp-reply',
    });
    response.end(double.mode === 'replay' ? first : answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  double.close = () => new Promise((resolve) => server.close(() => resolve()));
  return double;
}
