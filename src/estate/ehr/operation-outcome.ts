import { jsonResponse, jsonTextResponse } from '../string-response.ts';

export const FHIR_JSON = 'application/fhir+json';

export type IssueCode = 'invalid' | 'not-found' | 'not-supported' | 'login' | 'forbidden' | 'processing';

const FHIR_CONTENT_TYPE = `${FHIR_JSON}; charset=utf-8`;

/** A FHIR JSON response; every EHR endpoint answers through here so the media type never drifts. */
export function fhirJson(
  body: unknown,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return jsonResponse(body, { status, headers: { 'content-type': FHIR_CONTENT_TYPE, ...headers } });
}

/** `fhirJson` for a body already serialised (`byteLength` its size in UTF-8); `null` for none. */
export function fhirJsonText(
  text: string | null,
  byteLength: number,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return jsonTextResponse(text, byteLength, {
    status,
    headers: { 'content-type': FHIR_CONTENT_TYPE, ...headers },
  });
}

export function operationOutcome(code: IssueCode, diagnostics: string) {
  return {
    resourceType: 'OperationOutcome' as const,
    issue: [{ severity: 'error' as const, code, diagnostics }],
  };
}

/** An error the handlers turn into an OperationOutcome response with the matching HTTP status. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly code: IssueCode,
    diagnostics: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(diagnostics);
  }

  toResponse(): Response {
    return fhirJson(operationOutcome(this.code, this.message), this.status, this.headers);
  }
}
