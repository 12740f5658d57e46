// Stands in for an organisation's SIEM and SOAR, knowing nothing of phi-drill's code: it collects
// JSON telemetry over HTTP, detects from telemetry fields alone and contains through the estate's
// documented administrator interfaces (storage ACL and policy, CRM FieldPermissions, the OAuth
// credentials endpoint and OauthToken), signed in as the responder administrator it was given.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface SiemEvent {
  system?: string;
  action?: string;
  outcome?: string;
  sourceIp?: string;
  clientApp?: string;
  actor?: { id?: string; type?: string };
  fields?: string[];
  detail?: Record<string, unknown>;
}

type EstateInfo = Record<string, string | number>;

/** Fields the minimum-necessary policy keeps from the front desk. */
const SENSITIVE = ['Primary_Diagnosis__c', 'SSN__c'];
const ORG_NETWORKS = /^(10\.|127\.|192\.168\.)/;

export interface ContainmentSoar {
  port: number;
  /** Every call the playbooks made, with the answer's status. */
  calls: Array<{ call: string; status: number }>;
  errors: string[];
  /** Rules that fired, acted on or not. */
  detected: ReadonlySet<string>;
  learnEstate(estate: EstateInfo): void;
  /** Resolves when every playbook started so far has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** `act: false` detects but never calls the estate: the containment must then be missed. */
export async function startContainmentSoar(options: { act: boolean }): Promise<ContainmentSoar> {
  let estate: EstateInfo | undefined;
  const calls: ContainmentSoar['calls'] = [];
  const errors: string[] = [];
  const fired = new Set<string>();
  let queue = Promise.resolve();

  const send = async (
    method: string,
    url: string,
    init: { token?: string; body?: string; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(url, {
      method,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body ? { body: init.body } : {}),
    });
    calls.push({ call: `${method} ${new URL(url).pathname}${new URL(url).search}`, status: response.status });
    const text = await response.text();
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const signIn = async (info: EstateInfo) => {
    const form = new URLSearchParams({
      grant_type: 'password',
      client_id: String(info.responderClientId),
      client_secret: String(info.responderClientSecret),
      username: String(info.responderUsername),
      password: String(info.responderPassword),
    });
    const response = await fetch(`${info.url}/services/oauth2/token`, { method: 'POST', body: form });
    return String(((await response.json()) as { access_token?: string }).access_token);
  };
  const query = async (info: EstateInfo, token: string, soql: string) =>
    ((await send('GET', `${info.restApi}/query?q=${encodeURIComponent(soql)}`, { token })).records ??
      []) as Array<Record<string, string>>;

  /** A public-read upload: make the object private and take the public policy off its bucket. */
  const publicObject = async (info: EstateInfo, token: string, event: SiemEvent) => {
    const bucket = encodeURIComponent(String(event.detail?.bucket));
    const key = String(event.detail?.key).split('/').map(encodeURIComponent).join('/');
    await send('PUT', `${info.url}/storage/${bucket}/${key}?acl`, {
      token,
      headers: { 'x-amz-acl': 'private' },
    });
    await send('DELETE', `${info.url}/storage/${bucket}?policy`, { token });
  };
  /** Sensitive fields read by the front desk: take the read back from the reader's profile. */
  const overexposed = async (info: EstateInfo, token: string, event: SiemEvent) => {
    const [user] = await query(
      info,
      token,
      `SELECT ProfileName__c FROM User WHERE Id = '${event.actor?.id}'`,
    );
    for (const field of (event.fields ?? []).filter((name) => SENSITIVE.includes(name))) {
      const soql = `SELECT Id FROM FieldPermissions WHERE ProfileName__c = '${user?.ProfileName__c}' AND Field = 'Account.${field}'`;
      for (const row of await query(info, token, soql))
        await send('PATCH', `${info.restApi}/sobjects/FieldPermissions/${row.Id}`, {
          token,
          body: JSON.stringify({ PermissionsRead: false, PermissionsEdit: false }),
        });
    }
  };
  /** An integration user signing in from outside the org: new secret first, then end its sessions. */
  const leakedSecret = async (info: EstateInfo, token: string, event: SiemEvent) => {
    const { apps } = (await send('GET', String(info.oauthCredentials), { token })) as {
      apps?: Array<{ appId: string; name: string }>;
    };
    const app = apps?.find((one) => one.name === event.clientApp);
    if (app) await send('POST', `${info.oauthCredentials}/${app.appId}/rotate`, { token });
    for (const row of await query(
      info,
      token,
      `SELECT Id FROM OauthToken WHERE UserId = '${event.actor?.id}'`,
    ))
      await send('DELETE', `${info.restApi}/sobjects/OauthToken/${row.Id}`, { token });
  };

  const rules: Array<{ id: string; matches(event: SiemEvent): boolean; contain: typeof publicObject }> = [
    {
      id: 'public-object',
      matches: (e) => e.system === 'storage' && e.action === 'storage.put' && e.detail?.acl === 'public-read',
      contain: publicObject,
    },
    {
      id: 'front-desk-sensitive-read',
      matches: (e) =>
        e.system === 'crm' &&
        e.outcome === 'success' &&
        e.actor?.type === 'front-desk' &&
        (e.fields ?? []).some((field) => SENSITIVE.includes(field)),
      contain: overexposed,
    },
    {
      id: 'integration-login-from-outside',
      matches: (e) =>
        e.system === 'crm' &&
        e.action === 'oauth.token' &&
        e.outcome === 'success' &&
        e.actor?.type === 'integration' &&
        !ORG_NETWORKS.test(e.sourceIp ?? ''),
      contain: leakedSecret,
    },
  ];

  const handle = (event: SiemEvent) => {
    for (const rule of rules) {
      if (fired.has(rule.id) || !rule.matches(event)) continue;
      fired.add(rule.id);
      const info = estate;
      if (!options.act || !info) continue;
      queue = queue
        .then(async () => rule.contain(info, await signIn(info), event))
        .catch((error: unknown) => {
          errors.push(`${rule.id}: ${String(error)}`);
        });
    }
  };

  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      response.writeHead(204).end();
      for (const item of JSON.parse(body) as unknown[])
        handle((typeof item === 'string' ? JSON.parse(item) : item) as SiemEvent);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    calls,
    errors,
    detected: fired,
    learnEstate(info) {
      estate = info;
    },
    settled: () => queue,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
