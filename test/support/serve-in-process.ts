import { serveCommand } from '../../src/cli/serve-command.ts';

/** What `phi-drill serve --json` prints, as far as the tests use it. */
export interface ServeInfo {
  fhir: string;
  fhirClient: { clientId: string; clientSecret: string; tokenUrl: string };
  salesforce: { loginUrl: string; instanceUrl: string; apiVersion: string };
  salesforceApp: { clientId: string; clientSecret: string };
  salesforceUser: { username: string; password: string };
}

/** `phi-drill serve --json` in this process: what it printed, and a stop that waits for it to end. */
export async function serveInProcess(
  args: readonly string[],
): Promise<{ info: ServeInfo; stop(): Promise<void> }> {
  const stopping = new AbortController();
  let printed = '';
  const serving = serveCommand(
    ['--json', ...args],
    { stdout: { write: (chunk: string) => (printed += chunk) }, stderr: { write: () => true } },
    stopping.signal,
  );
  const stop = async () => {
    stopping.abort();
    await serving;
  };
  let ended = false;
  serving.finally(() => (ended = true)).catch(() => undefined);
  try {
    while (!printed.includes('\n')) {
      // A serve that refused its arguments or its port ends without printing: say so, never spin.
      if (ended) throw new Error(`phi-drill serve ${args.join(' ')} ended with exit ${await serving}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { info: JSON.parse(printed) as ServeInfo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
