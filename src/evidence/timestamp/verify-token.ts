import { createHash, verify, X509Certificate } from 'node:crypto';
import { DerError, type DerNode, expectTag, integerHex, oidText, TAG } from './der.ts';
import { HASH_OF_OID, OID, type TimeStampToken } from './tsp.ts';

/**
 * What the token's own signature shows. `signed`: the signer certificate in the token verifies the
 * CMS signature over the signed attributes, whose messageDigest is the TSTInfo's hash. Not checked:
 * the certificate's chain to a trusted TSA root, its revocation, and its timeStamping key usage —
 * compare `signer` and `signerFingerprint` with the authority your organisation uses.
 */
export type TokenSignature =
  | { status: 'signed'; signer: string; signerFingerprint: string }
  | { status: 'no-certificate' }
  | { status: 'bad'; problem: string };

export function checkTokenSignature(token: TimeStampToken): TokenSignature {
  try {
    return checkSigned(token);
  } catch (error) {
    return { status: 'bad', problem: error instanceof Error ? error.message : String(error) };
  }
}

function checkSigned(token: TimeStampToken): TokenSignature {
  const { signedData } = token;
  const certificates = signedData.children.find((node) => node.tag === 0xa0)?.children ?? [];
  const signerInfos = expectTag(signedData.children.at(-1), TAG.set, 'signerInfos');
  if (signerInfos.children.length !== 1)
    throw new DerError(`${signerInfos.children.length} signers (one expected)`);
  const signerInfo = expectTag(signerInfos.children[0], TAG.sequence, 'SignerInfo');
  const [, sid, digestAlgorithm, signedAttrs, , signature] = signerInfo.children;
  const certificate = signerCertificate(certificates, sid);
  if (!certificate) return { status: 'no-certificate' };
  const hash = HASH_OF_OID[oidText(expectTag(digestAlgorithm, TAG.sequence, 'digestAlgorithm').children[0]!)];
  if (!hash) throw new DerError('the signer uses a digest algorithm other than SHA-2');
  const attributes = expectTag(signedAttrs, 0xa0, 'signedAttrs');
  const digest = attributeValue(attributes, OID.messageDigest);
  const expected = createHash(hash).update(token.tstInfoDer).digest();
  if (!digest?.content.equals(expected))
    throw new DerError('the signed messageDigest is not the hash of the TSTInfo (the token was altered)');
  const contentType = attributeValue(attributes, OID.contentType);
  if (!contentType || oidText(contentType) !== OID.tstInfo)
    throw new DerError('the signed contentType is not TSTInfo');
  // The signature covers the attributes DER-encoded as a SET, not with their [0] IMPLICIT tag.
  const signedBytes = Buffer.concat([Buffer.from([TAG.set]), attributes.encoded.subarray(1)]);
  const value = expectTag(signature, TAG.octetString, 'signature').content;
  if (!verify(hash, signedBytes, certificate.publicKey, value))
    throw new DerError(
      `the CMS signature does not verify with the certificate of ${certificate.subject.replaceAll('\n', ', ')}`,
    );
  return {
    status: 'signed',
    signer: certificate.subject.replaceAll('\n', ', '),
    signerFingerprint: certificate.fingerprint256,
  };
}

/** The certificate the SignerInfo names by issuer and serial (a subject key id picks the only one). */
function signerCertificate(
  certificates: readonly DerNode[],
  sid: DerNode | undefined,
): X509Certificate | undefined {
  const parsed = certificates.map((node) => new X509Certificate(node.encoded));
  if (sid?.tag === TAG.sequence) {
    const serial = integerHex(sid.children[1]!, 'signer serial');
    return parsed.find(
      (certificate) => certificate.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, '') === serial,
    );
  }
  return parsed.length === 1 ? parsed[0] : undefined;
}

function attributeValue(attributes: DerNode, type: string): DerNode | undefined {
  const attribute = attributes.children.find(
    (node) => node.children[0] && oidText(node.children[0]) === type,
  );
  return attribute?.children[1]?.children[0];
}
