/** A REST API failure, rendered as Salesforce's documented JSON array of `{message, errorCode, fields?}`. */
export class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'SfError';
  }

  toBody(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [
      { message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) },
    ];
  }
}

/** An OAuth endpoint failure, rendered as `{error, error_description}`. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

export const invalidSession = (): SfError =>
  new SfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export const notFound = (message = 'The requested resource does not exist'): SfError =>
  new SfError(404, 'NOT_FOUND', message);

export const insufficientAccess = (message: string): SfError =>
  new SfError(403, 'INSUFFICIENT_ACCESS', message);
