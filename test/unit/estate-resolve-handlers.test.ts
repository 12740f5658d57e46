import { getResponse, HttpResponse, http, type RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { resolveHandlers } from '../../src/estate/resolve-handler.ts';

const ORIGIN = 'https://estate.phi-drill.test';
const context = { baseUrl: ORIGIN, requestId: 'req-1' };

/** The same request through the direct path and through msw's own, as text with status. */
async function both(handlers: RequestHandler[], path: string, init?: RequestInit) {
  const direct = await resolveHandlers(handlers, new Request(`${ORIGIN}${path}`, init), context);
  const viaMsw = await getResponse(handlers, new Request(`${ORIGIN}${path}`, init), { baseUrl: ORIGIN });
  return {
    direct: direct && { status: direct.status, body: await direct.text() },
    msw: viaMsw && { status: viaMsw.status, body: await viaMsw.text() },
  };
}

describe('resolving estate handlers without msw’s matcher chain', () => {
  const handlers = [
    http.get('*/fhir/R4/Patient/:id', ({ params }) => HttpResponse.text(`patient ${params.id}`)),
    http.get('*/services/data/:version/sobjects/:object/:id', ({ params }) =>
      HttpResponse.text(`${params.version} ${params.object} ${params.id}`),
    ),
    http.get('*/fhir/R4/Patient', () => undefined),
    http.post('*/fhir/R4/Patient', () => {
      throw HttpResponse.text('refused', { status: 403 });
    }),
    http.all('*/fhir/R4/*', ({ request }) =>
      HttpResponse.text(`fallback ${request.method}`, { status: 404 }),
    ),
  ];

  it.each([
    ['a path parameter', '/fhir/R4/Patient/p-7', undefined],
    ['a handler that returns nothing passes the request on', '/fhir/R4/Patient', undefined],
    ['a thrown Response is the response', '/fhir/R4/Patient', { method: 'POST', body: '{}' }],
    ['a wildcard method', '/fhir/R4/Observation', { method: 'DELETE' }],
    ['no handler at all', '/crm/services', undefined],
    ['parameters in the middle of the path', '/services/data/v66.0/sobjects/Account/001xx', undefined],
    ['a percent-encoded parameter, decoded', '/fhir/R4/Patient/p%207%2F8', undefined],
    ['a percent-encoded literal', '/fhir/R4/Pati%65nt/p-7', undefined],
    ['a trailing slash', '/fhir/R4/Patient/p-7/', undefined],
    ['two trailing slashes', '/fhir/R4/Patient/p-7//', undefined],
    ['a literal in another case', '/fhir/r4/patient/p-7', undefined],
    ['an empty parameter', '/services/data/v66.0/sobjects//001xx', undefined],
    ['a query string', '/fhir/R4/Patient/p-7?_format=json', undefined],
  ] as const)('answers as msw does: %s', async (_, path, init) => {
    const { direct, msw } = await both(handlers, path, init);
    expect(direct).toEqual(msw);
  });

  it('finds nothing where no handler matches, and only the method that was declared', async () => {
    const onlyGet = [http.get('*/x', () => HttpResponse.text('x'))];
    expect(
      await resolveHandlers(onlyGet, new Request(`${ORIGIN}/x`, { method: 'PUT' }), context),
    ).toBeUndefined();
    expect(await resolveHandlers(onlyGet, new Request(`${ORIGIN}/y`), context)).toBeUndefined();
  });

  it('hands the resolver the estate’s request id and the request’s cookies', async () => {
    const seen = [http.get('*/who', ({ requestId, cookies }) => HttpResponse.json({ requestId, cookies }))];
    const response = await resolveHandlers(
      seen,
      new Request(`${ORIGIN}/who`, { headers: { cookie: 'sid=a%20b; theme=dark' } }),
      context,
    );
    expect(await response?.json()).toEqual({ requestId: 'req-1', cookies: { sid: 'a b', theme: 'dark' } });
  });

  it('leaves a one-shot handler to msw, which keeps it used', async () => {
    const once = [
      http.get('*/once', () => HttpResponse.text('first'), { once: true }),
      http.get('*/once', () => HttpResponse.text('later')),
    ];
    const texts = [];
    for (let i = 0; i < 2; i += 1)
      texts.push(await (await resolveHandlers(once, new Request(`${ORIGIN}/once`), context))?.text());
    expect(texts).toEqual(['first', 'later']);
  });

  it('leaves a generator resolver to msw, which steps through it', async () => {
    const stepping = [
      http.get('*/step', function* () {
        yield HttpResponse.text('one');
        return HttpResponse.text('two');
      }),
    ];
    const texts = [];
    for (let i = 0; i < 3; i += 1)
      texts.push(await (await resolveHandlers(stepping, new Request(`${ORIGIN}/step`), context))?.text());
    expect(texts).toEqual(['one', 'two', 'two']);
  });
});

describe('turning a request away before msw’s matcher runs', () => {
  const paths = [
    '*/fhir/R4/:type/:id',
    '*/fhir/R4/$break-glass',
    '*/fhir/R4',
    '*/fhir/R4/',
    '*/services/data/:version/sobjects/:name/:id',
    '*/files/file-:id.pdf',
    '*/Portal/Login',
    'https://estate.phi-drill.test/absolute/:id',
    'https://elsewhere.test/absolute/:id',
    '*/vendors/:host/*',
  ];
  const handlers = paths.map((path) => http.get(path, () => HttpResponse.text(path)));
  const requests = [
    '/fhir/R4/Patient/zz-1',
    '/fhir/R4/Patient/zz-1/',
    '/fhir/R4/Patient',
    '/fhir/R4/$break-glass',
    '/fhir/R4/%24break-glass',
    '/fhir/R4',
    '/fhir/R4/',
    '/fhir/R4//zz-1',
    '/FHIR/r4/Patient/zz-1',
    '/services/data/v61.0/sobjects/Account/001',
    '/services/data/v61.0/sobjects/Account',
    '/files/file-7.pdf',
    '/files/other.pdf',
    '/portal/login',
    '/Portal/Login',
    '/Portal/Login/',
    '/absolute/9',
    '/vendors/acme/collect/v1',
    '/vendors/acme',
  ];

  it.each(requests)('finds the handler msw finds for %s', async (path) => {
    for (let first = 0; first < handlers.length; first++) {
      // Each handler in turn first, so every one of them is tested against every path.
      const ordered = [...handlers.slice(first), ...handlers.slice(0, first)];
      const { direct, msw } = await both(ordered, path);
      expect(direct, `${paths[first]} first`).toEqual(msw);
    }
  });
});
