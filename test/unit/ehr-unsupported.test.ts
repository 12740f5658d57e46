import { describe, expect, it } from 'vitest';
import { classifyUnsupported } from '../../src/estate/ehr/unsupported.ts';

// FHIR R4 http.html: 404 for a type the server does not support, 405 for an interaction it does not
// offer, 501 for an operation it does not implement; each OperationOutcome issue is `not-supported`.
describe('what the FHIR base answers for requests it does not serve', () => {
  it.each<[string, string[], number, string]>([
    ['GET', ['Patient', 'p1', '$everything'], 501, 'operation $everything is not supported'],
    ['GET', ['Observation', '1'], 404, 'resource type Observation is not supported'],
    ['GET', ['Patient', 'p1', '_history', '2'], 405, 'vread is not supported for Patient'],
    ['GET', ['Patient', 'p1', '_history'], 405, 'history-instance is not supported for Patient'],
    ['GET', ['Patient', '_history'], 405, 'history-type is not supported for Patient'],
    ['POST', ['Encounter'], 405, 'create is not supported for Encounter'],
    ['DELETE', ['Patient', 'p1'], 405, 'delete is not supported for Patient'],
    ['PATCH', ['Patient', 'p1'], 405, 'patch is not supported for Patient'],
    ['POST', [], 405, 'POST on the base (batch, transaction) is not supported'],
  ])('%s %j → %i', (method, segments, status, message) => {
    const error = classifyUnsupported(method, segments);
    expect(error.status).toBe(status);
    expect(error.code).toBe('not-supported');
    expect(error.message).toContain(message);
  });
});
