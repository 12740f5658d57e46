import { serveCommand } from '../../src/cli/serve-command.ts';

export interface ServeInfo {
  fhir: string;
  fhirClient: { clientId: string; clientSecret: string; tokenUrl: string };
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
  try {
    while (!printed.includes('\n')) await new Promise((resolve) => setImmediate(resolve));
    return { info: JSON.parse(printed) as ServeInfo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A SMART backend-services token for the served EHR's own FHIR client, to read and search patients. */
export async function fhirClientToken(info: Pick<ServeInfo, 'fhirClient'>): Promise<string> {
  const response = await fetch(info.fhirClient.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: info.fhirClient.clientId,
      client_secret: info.fhirClient.clientSecret,
      scope: 'user/Patient.rs',
    }),
  });
  const { access_token: token } = (await response.json()) as { access_token?: string };
  if (!token) throw new Error(`the served EHR refused its FHIR client a token (HTTP ${response.status})`);
  return token;
}
