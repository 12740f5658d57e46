import { createHash, randomBytes } from 'node:crypto';
import {
  child,
  DerError,
  type DerNode,
  decode,
  derBoolean,
  derNull,
  expectTag,
  generalizedTimeIso,
  integerHex,
  octetString,
  oid,
  oidText,
  sequence,
  smallInteger,
  TAG,
  unsignedInteger,
} from './der.ts';

/** RFC 3161 time-stamp protocol: the request phi-drill sends and what it reads from the reply. */

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
} as const;

export const HASH_OF_OID: Record<string, string> = {
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

export interface TimeStampRequest {
  der: Buffer;
  /** SHA-256 of the witnessed bytes, hex. */
  imprint: string;
  /** Random nonce, hex without leading zeros (as integerHex reads it back). */
  nonce: string;
}

/** The messageImprint phi-drill asks for: SHA-256 of the UTF-8 bytes, hex. */
export function timeStampImprint(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** TimeStampReq v1: messageImprint = SHA-256 of `data`, a random 64-bit nonce, certReq true. */
export function timeStampRequest(data: Buffer): TimeStampRequest {
  const digest = Buffer.from(timeStampImprint(data), 'hex');
  const nonce = randomBytes(8);
  const der = sequence(
    smallInteger(1),
    sequence(sequence(oid(OID.sha256), derNull()), octetString(digest)),
    unsignedInteger(nonce),
    derBoolean(true),
  );
  return { der, imprint: digest.toString('hex'), nonce: integerHex(decode(unsignedInteger(nonce)), 'nonce') };
}

/** What a time-stamp token says (TSTInfo), and where its signature sits. */
export interface TimeStampToken {
  /** The token itself (ContentInfo), as stored beside the ledger. */
  der: Buffer;
  imprintAlgorithm: string;
  imprint: string;
  nonce?: string;
  genTime: string;
  serialNumber: string;
  policy: string;
  signedData: DerNode;
  /** The encapsulated TSTInfo bytes the signer's messageDigest covers. */
  tstInfoDer: Buffer;
}

/** PKIStatus 0 (granted) and 1 (grantedWithMods) carry a token; anything else is a refusal. */
const STATUS_TEXT = [
  'granted',
  'grantedWithMods',
  'rejection',
  'waiting',
  'revocationWarning',
  'revocationNotification',
];

/** Reads a TimeStampResp; throws (DerError) with a reason unless the status is granted with a token. */
export function parseTimeStampResponse(der: Buffer): TimeStampToken {
  const response = expectTag(decode(der), TAG.sequence, 'TimeStampResp');
  const statusInfo = expectTag(child(response, 0, 'status'), TAG.sequence, 'PKIStatusInfo');
  const status = Number.parseInt(integerHex(child(statusInfo, 0, 'PKIStatus'), 'PKIStatus'), 16);
  if (status > 1) {
    const text = statusInfo.children
      .find((node) => node.tag === TAG.sequence)
      ?.children[0]?.content.toString('utf8');
    throw new DerError(
      `the authority refused: ${STATUS_TEXT[status] ?? `status ${status}`}${text ? ` (${text})` : ''}`,
    );
  }
  return parseTimeStampToken(child(response, 1, 'timeStampToken').encoded);
}

/** Reads a token (CMS ContentInfo with SignedData over a TSTInfo). */
export function parseTimeStampToken(der: Buffer): TimeStampToken {
  const info = expectTag(decode(der), TAG.sequence, 'ContentInfo');
  if (oidText(child(info, 0, 'contentType')) !== OID.signedData)
    throw new DerError('the token is not CMS SignedData');
  const signedData = expectTag(
    child(expectTag(child(info, 1, 'content'), 0xa0, 'content'), 0, 'SignedData'),
    TAG.sequence,
    'SignedData',
  );
  const encap = expectTag(child(signedData, 2, 'encapContentInfo'), TAG.sequence, 'encapContentInfo');
  if (oidText(child(encap, 0, 'eContentType')) !== OID.tstInfo)
    throw new DerError('the token does not hold a TSTInfo');
  const eContent = expectTag(
    child(expectTag(child(encap, 1, 'eContent'), 0xa0, 'eContent'), 0, 'eContent'),
    TAG.octetString,
    'eContent',
  );
  const tst = expectTag(decode(eContent.content), TAG.sequence, 'TSTInfo');
  const imprint = expectTag(child(tst, 2, 'messageImprint'), TAG.sequence, 'messageImprint');
  const rest = tst.children.slice(5);
  const nonce = rest.find((node) => node.tag === TAG.integer);
  return {
    der,
    imprintAlgorithm:
      HASH_OF_OID[oidText(child(child(imprint, 0, 'hashAlgorithm'), 0, 'algorithm'))] ?? 'unknown',
    imprint: expectTag(child(imprint, 1, 'hashedMessage'), TAG.octetString, 'hashedMessage').content.toString(
      'hex',
    ),
    nonce: nonce ? integerHex(nonce, 'nonce') : undefined,
    genTime: generalizedTimeIso(child(tst, 4, 'genTime')),
    serialNumber: integerHex(child(tst, 3, 'serialNumber'), 'serialNumber'),
    policy: oidText(child(tst, 1, 'policy')),
    signedData,
    tstInfoDer: eContent.content,
  };
}
