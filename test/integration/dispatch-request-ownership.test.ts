import { describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER } from '../../src/estate/caller.ts';
import { createDispatch, handOver } from '../../src/estate/dispatch.ts';
import { setupEhr } from './ehr-fixtures.ts';

describe('dispatch and the Request it is given', () => {
  it("copies a caller's own Request, so sending it twice makes two requests with their own ids", async () => {
    const { ctx, ehr } = setupEhr();
    const fetch = createDispatch(() => ehr.handlers, ctx);
    const request = new Request('https://estate.phi-drill.test/fhir/R4/metadata');
    const first = await fetch(request);
    const second = await fetch(request);
    expect(request.headers.has(REQUEST_ID_HEADER)).toBe(false);
    expect(first.headers.get(REQUEST_ID_HEADER)).not.toBe(second.headers.get(REQUEST_ID_HEADER));
  });

  it('marks a handed-over Request in place: the id it answers with is the one on the request', async () => {
    const { ctx, ehr } = setupEhr();
    const fetch = createDispatch(() => ehr.handlers, ctx);
    const request = handOver(new Request('https://estate.phi-drill.test/fhir/R4/metadata'));
    const response = await fetch(request);
    expect(response.status).toBe(200);
    expect(request.headers.get(REQUEST_ID_HEADER)).toBe(response.headers.get(REQUEST_ID_HEADER));
  });
});
