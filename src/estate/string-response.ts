/** Statuses a Response may not carry a body with (Fetch standard, "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A Response whose body is a string the estate already holds (every JSON answer of the EHR and
 * the CRM). A Fetch Response wraps a string body in a ReadableStream at construction, and reading
 * it back drains that stream: about ten times the cost of the JSON itself for a FHIR resource. This
 * one keeps the string, answers `text()` and `json()` from it, and builds the real stream only
 * when a caller asks for `body` or another reader, so it behaves as a Response in every way a
 * caller can see: one read only, `bodyUsed` after it, `clone()` before it.
 */
export class StringResponse extends Response {
  readonly #text: string;
  #read = false;
  #real: Response | undefined;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    if (NULL_BODY_STATUSES.has(this.status))
      throw new TypeError(`Response constructor: Invalid response status code ${this.status}`);
    // What a Response given a string body sets when the caller names no type.
    if (!this.headers.has('content-type')) this.headers.set('content-type', 'text/plain;charset=UTF-8');
    this.#text = text;
  }

  /** The body as the server should write it, while nothing has read it; undefined after. */
  get unreadText(): string | undefined {
    return this.bodyUsed ? undefined : this.#text;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#materialised().body;
  }

  override get bodyUsed(): boolean {
    return this.#read || (this.#real?.bodyUsed ?? false);
  }

  override text(): Promise<string> {
    if (this.#real) return this.#real.text();
    return this.#take(() => this.#text);
  }

  override json(): Promise<unknown> {
    if (this.#real) return this.#real.json();
    return this.#take(() => JSON.parse(this.#text) as unknown);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#materialised().arrayBuffer();
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#materialised().bytes();
  }

  override blob(): Promise<Blob> {
    return this.#materialised().blob();
  }

  override formData(): Promise<FormData> {
    return this.#materialised().formData();
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    return new StringResponse(this.#text, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
  }

  #take<T>(read: () => T): Promise<T> {
    if (this.#read) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#read = true;
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The same body as a real Response, already consumed when this one was read, as the original would be. */
  #materialised(): Response {
    if (!this.#real) {
      this.#real = new Response(this.#text);
      if (this.#read) this.#real.arrayBuffer().catch(() => undefined);
    }
    return this.#real;
  }
}

/** A Response with `text` as its body (none for `null`). */
export function stringResponse(text: string | null, init: ResponseInit): Response {
  return text === null ? new Response(null, init) : new StringResponse(text, init);
}

/** The body a `stringResponse` was built with, while nothing has read it; undefined for any other. */
export function stringBodyOf(response: Response): string | undefined {
  return response instanceof StringResponse ? response.unreadText : undefined;
}

/** A JSON answer's status and the headers its caller names (every caller has them as a record). */
export interface JsonInit {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A JSON answer as msw's `HttpResponse.json` makes it (`content-type: application/json` and a
 * `content-length`, unless the caller names them; no body for `undefined` or a null-body status),
 * without the Blob msw builds to measure the length nor the stream a Fetch Response wraps the text in.
 */
export function jsonResponse(body: unknown, init: JsonInit = {}): Response {
  // Undefined stringifies to undefined: no body at all.
  const text: string | undefined = JSON.stringify(body);
  return jsonTextResponse(text ?? null, text === undefined ? 0 : Buffer.byteLength(text), init);
}

/** `jsonResponse` for a body already serialised (`byteLength` its size in UTF-8); `null` for none. */
export function jsonTextResponse(text: string | null, byteLength: number, init: JsonInit = {}): Response {
  const given = init.headers ?? {};
  const headers: Record<string, string> = { ...given };
  if (!names(given, 'content-type')) headers['content-type'] = 'application/json';
  if (!names(given, 'content-length')) headers['content-length'] = String(byteLength);
  const status = init.status ?? 200;
  // A status that may carry no body (204, 304 …) gets none, as msw drops it, headers kept.
  return stringResponse(NULL_BODY_STATUSES.has(status) ? null : text, { status, headers });
}

/** Whether a header record names `lowerCaseName`, in any case, as a Headers object would see it. */
function names(headers: Readonly<Record<string, string>>, lowerCaseName: string): boolean {
  for (const name in headers) if (name.toLowerCase() === lowerCaseName) return true;
  return false;
}
