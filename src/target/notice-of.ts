/** The fields of a notice out of an SMTP intake's parsed message (or any alert body shaped like one). */
export function noticeOf(body: unknown): { from: string; to: string[]; subject: string; text: string } {
  const message = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const addresses = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
  return {
    from: addresses(message.from)[0] ?? '',
    to: addresses(message.to),
    subject: typeof message.subject === 'string' ? message.subject : '',
    text: typeof message.text === 'string' ? message.text : '',
  };
}
