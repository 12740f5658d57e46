import { createHash } from 'node:crypto';
import { type AddressObject, type EmailAddress, simpleParser } from 'mailparser';

/** An e-mailed alert or notice as delivered in `IncomingAlert.body`. */
export interface MailAlert {
  messageId?: string;
  /** Sender address (`siem@example.org`), without its display name. */
  from?: string;
  to: string[];
  cc: string[];
  subject?: string;
  /** The Date header as ISO-8601, when it parsed. */
  date?: string;
  text: string;
  html?: string;
  /** Header lines as sent (unfolded), keyed by lower-case name; repeated headers become arrays. */
  headers: Record<string, string | string[]>;
  attachments: MailAttachment[];
  /** The raw message kept as evidence. */
  eml: { file: string; size: number; sha256: string };
}

export interface MailAttachment {
  filename?: string;
  contentType: string;
  size: number;
  sha256: string;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const flat = (list: EmailAddress[]): string[] =>
    list.flatMap((entry) => (entry.group ? flat(entry.group) : entry.address ? [entry.address] : []));
  return (Array.isArray(field) ? field : field ? [field] : []).flatMap((object) => flat(object.value));
}

function headerRecord(
  lines: ReadonlyArray<{ key: string; line: string }>,
): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const seen = record[key];
    record[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return record;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Parses a raw RFC 5322 message into the fields a mapping can point at. */
export async function parseMail(raw: Buffer, eml: MailAlert['eml']): Promise<MailAlert> {
  const parsed = await simpleParser(raw, { checksumAlgo: 'sha256', skipTextToHtml: true });
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : undefined;
  return {
    messageId: parsed.messageId,
    from: addresses(parsed.from)[0],
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject,
    date,
    text: parsed.text ?? '',
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    headers: headerRecord(parsed.headerLines),
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      sha256: attachment.checksum,
    })),
    eml,
  };
}
