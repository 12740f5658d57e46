/** Salesforce's REST datetime format: `2026-03-02T14:00:00.000+0000`. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** EventLogFile `TIMESTAMP`: `20130715233322.670`, GMT. */
export function elfTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').replace('Z', '');
}
