import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type JsonInit,
  jsonResponse,
  StringResponse,
  stringBodyOf,
  stringResponse,
} from '../../src/estate/string-response.ts';

const init = { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json' } };
const text = JSON.stringify({ resourceType: 'Patient', id: 'zz-0000001' });

/** The same body both ways, so every assertion holds for a real Response too. */
const both = () => [new Response(text, init), new StringResponse(text, init)] as const;

describe('a Response built from a string the estate holds', () => {
  it('answers text() and json() as a Response does, once', async () => {
    for (const response of both()) {
      expect(response.bodyUsed).toBe(false);
      expect(await response.json()).toEqual({ resourceType: 'Patient', id: 'zz-0000001' });
      expect(response.bodyUsed).toBe(true);
      await expect(response.text()).rejects.toThrow(TypeError);
      expect(() => response.clone()).toThrow(TypeError);
    }
  });

  it('keeps status, headers and the default content type', () => {
    for (const response of both()) {
      expect([response.status, response.statusText, response.headers.get('content-type')]).toEqual([
        201,
        'Created',
        'application/json',
      ]);
    }
    expect(new StringResponse('x', {}).headers.get('content-type')).toBe(
      new Response('x').headers.get('content-type'),
    );
  });

  it('gives the body as a stream and every other reader, and a clone that reads alone', async () => {
    const [, response] = both();
    const copy = response.clone();
    expect(new TextDecoder().decode(await new Response(response.body).arrayBuffer())).toBe(text);
    expect(response.bodyUsed).toBe(true);
    expect(await copy.clone().text()).toBe(text);
    expect(new TextDecoder().decode(await copy.arrayBuffer())).toBe(text);
    await expect(copy.json()).rejects.toThrow(TypeError);
  });

  it('a body read through text() shows as used on its stream too', async () => {
    const response = new StringResponse(text, init);
    await response.text();
    expect(response.body?.locked).toBe(true);
    await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
  });

  it('rejects json() of text that is not JSON, as a Response does', async () => {
    for (const response of [new Response('{', init), new StringResponse('{', init)])
      await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('refuses a body on a status that has none', () => {
    expect(() => new Response('x', { status: 204 })).toThrow(TypeError);
    expect(() => new StringResponse('x', { status: 204 })).toThrow(TypeError);
    expect(stringResponse(null, { status: 204 }).status).toBe(204);
  });

  it('hands the loopback server its text only while nothing has read it', async () => {
    const response = stringResponse(text, init);
    expect(stringBodyOf(response)).toBe(text);
    expect(stringBodyOf(new Response(text, init))).toBeUndefined();
    await response.text();
    expect(stringBodyOf(response)).toBeUndefined();
  });
});

describe('a JSON answer', () => {
  const cases: Array<[string, Parameters<typeof HttpResponse.json>[0], JsonInit | undefined]> = [
    ['an object', { access_token: 'tok', scope: 'patient/*.rs' }, undefined],
    ['non-ASCII text, measured in bytes', { name: 'Zoë Ångström' }, { status: 201 }],
    [
      'a type of its own',
      [{ errorCode: 'NOT_FOUND' }],
      { status: 404, headers: { 'content-type': 'application/problem+json' } },
    ],
    [
      'a type and a length of its own, named in another case',
      { ok: true },
      { headers: { 'Content-Type': 'application/problem+json', 'Content-Length': '11' } },
    ],
    ['no body', undefined, { status: 200, headers: { 'x-request-id': 'req-1' } }],
    ['a status that may carry no body', { changed: true }, { status: 204 }],
  ];

  it.each(cases)('has the status, headers and body msw gives it: %s', async (_, body, init) => {
    const ours = jsonResponse(body, init);
    const msws = HttpResponse.json(body, init);
    expect(ours.status).toBe(msws.status);
    expect([...ours.headers]).toEqual([...msws.headers]);
    expect(await ours.text()).toBe(await msws.text());
  });
});
