import { timingSafeEqual } from 'node:crypto';
import { mkdir, open, readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Clock } from '../../clock/clock.ts';
import type { SmtpIntakeConfig } from './config.ts';
import type { IntakeSink, RunningIntake } from './intake.ts';
import { parseMail, sha256Hex } from './mail-message.ts';

export interface SmtpDeps {
  clock: Clock;
  sink: IntakeSink;
  env: Readonly<Record<string, string | undefined>>;
  /** Raw messages are kept under `<evidenceDir>/<intake id>/`. */
  evidenceDir: string;
}

export interface RunningSmtpIntake extends RunningIntake {
  readonly port: number;
  /** Folder the raw .eml files are written to. */
  readonly folder: string;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Written and fsynced (file and folder) before the 250 reply: a notice acknowledged is a notice kept. */
async function writeDurably(folder: string, name: string, data: Buffer): Promise<void> {
  const file = await open(join(folder, name), 'wx', 0o600);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

function readCredentials(config: SmtpIntakeConfig, env: SmtpDeps['env']) {
  if (!config.auth) return undefined;
  const user = env[config.auth.userEnv];
  const password = env[config.auth.passwordEnv];
  if (!user || !password) {
    throw new Error(
      `intake ${config.id}: AUTH needs ${config.auth.userEnv} and ${config.auth.passwordEnv} set in the environment`,
    );
  }
  return { user, password };
}

/**
 * SMTP server on 127.0.0.1 (no TLS: loopback only). Each message is stored as raw .eml evidence,
 * parsed, and delivered as one alert; an oversize or unparseable message is refused with a 5xx.
 */
export async function startSmtpIntake(config: SmtpIntakeConfig, deps: SmtpDeps): Promise<RunningSmtpIntake> {
  const maxBytes = config.maxBytes ?? DEFAULT_MAX_BYTES;
  const credentials = readCredentials(config, deps.env);
  const folder = join(deps.evidenceDir, config.id);
  await mkdir(folder, { recursive: true });
  // Numbering continues after what the folder already holds, so a restarted intake never collides.
  let received = (await readdir(folder)).length;
  const reject = (status: number, reason: string) =>
    deps.sink.reject({ intake: config.id, receivedAt: deps.clock.now(), status, reason });

  async function store(raw: Buffer): Promise<string> {
    const receivedAt = deps.clock.now();
    const sha256 = sha256Hex(raw);
    received += 1;
    const file = `${String(received).padStart(5, '0')}-${sha256.slice(0, 12)}.eml`;
    await writeDurably(folder, file, raw);
    const body = await parseMail(raw, { file, size: raw.length, sha256 });
    deps.sink.alert({ intake: config.id, receivedAt, body });
    return file;
  }

  function onData(
    stream: SMTPServerDataStream,
    callback: (error?: Error | null, message?: string) => void,
  ): void {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('end', () => {
      if (stream.sizeExceeded || size > maxBytes) {
        reject(413, `message exceeds ${maxBytes} bytes`);
        callback(smtpError(552, `Message exceeds the ${maxBytes}-byte limit`));
        return;
      }
      store(Buffer.concat(chunks)).then(
        (file) => callback(null, `Kept as ${file}`),
        (error: unknown) => {
          reject(500, `message not kept: ${(error as Error).message}`);
          // 451 (try again later): the sender keeps the message and retries, so the notice is not lost.
          callback(smtpError(451, 'Message could not be stored, try again later'));
        },
      );
    });
  }

  const server = new SMTPServer({
    banner: 'phi-drill alert intake',
    // Connections still open at the end of a drill get this long to finish before being cut.
    closeTimeout: 1000,
    logger: false,
    secure: false,
    size: maxBytes,
    // Not advertised: smtp-server would refuse a declared SIZE itself, before any hook could record the
    // refusal. Every oversize message now reaches onData, is refused there with 552, and is recorded.
    hideSize: true,
    disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !credentials,
    authMethods: ['PLAIN'],
    // Loopback only and no TLS configured, so PLAIN over the bare connection is the only way.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const ok =
        credentials &&
        auth.method === 'PLAIN' &&
        sameText(auth.username ?? '', credentials.user) &&
        sameText(auth.password ?? '', credentials.password);
      if (ok) return callback(null, { user: credentials.user });
      reject(401, `authentication failed for "${auth.username ?? ''}"`);
      callback(smtpError(535, 'Authentication failed'));
    },
    onData: (stream, _session, callback) => onData(stream, callback),
  });
  // After start, 'error' only reports a client's broken connection: no message, nothing to record,
  // and without a listener it would crash the run.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    id: config.id,
    port,
    folder,
    describe: () => ({
      type: 'smtp',
      host: '127.0.0.1',
      port,
      maxBytes,
      auth: config.auth
        ? `PLAIN, user and password from env ${config.auth.userEnv} / ${config.auth.passwordEnv}`
        : 'none',
      evidence: folder,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
