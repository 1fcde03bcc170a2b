// The API server's TLS material, made fresh at each start: a self-signed CA (its certificate goes
// into the kubeconfig as certificate-authority-data) and a serving certificate for 127.0.0.1 and
// localhost signed by it. EC P-256 keys: quick to generate and accepted by every client.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as der from './der.js';

export interface TlsMaterial {
  /** PEM of the CA certificate. */
  caCert: string;
  /** PEM of the serving certificate and its private key. */
  cert: string;
  key: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';
const KEY_USAGE = '2.5.29.15';
const BASIC_CONSTRAINTS = '2.5.29.19';
const EXT_KEY_USAGE = '2.5.29.37';
const SUBJECT_ALT_NAME = '2.5.29.17';
const SUBJECT_KEY_ID = '2.5.29.14';
const AUTHORITY_KEY_ID = '2.5.29.35';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

// keyUsage bit numbers (RFC 5280 §4.2.1.3)
const DIGITAL_SIGNATURE = 0;
const KEY_CERT_SIGN = 5;
const CRL_SIGN = 6;

const DAY_MS = 24 * 60 * 60 * 1000;

interface Subject {
  commonName: string;
  organization?: string;
}

function name(subject: Subject): der.Der {
  const rdns = [der.set(der.sequence(der.oid(COMMON_NAME), der.utf8String(subject.commonName)))];
  if (subject.organization) rdns.unshift(der.set(der.sequence(der.oid(ORGANIZATION), der.utf8String(subject.organization))));
  return der.sequence(...rdns);
}

function extension(id: string, critical: boolean, value: der.Der): der.Der {
  return critical ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value)) : der.sequence(der.oid(id), der.octetString(value));
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // For an EC key the BIT STRING is the last element of the SPKI sequence; hashing the whole SPKI
  // would also be unique, but the RFC names the key bits. P-256 uncompressed points are 65 bytes.
  const bits = spki.subarray(spki.length - 65);
  return createHash('sha1').update(bits).digest();
}

function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes;
}

interface CertificateRequest {
  subject: Subject;
  issuer: Subject;
  publicKey: KeyObject;
  signingKey: KeyObject;
  extensions: der.Der[];
  notBefore: Date;
  notAfter: Date;
}

function certificate(req: CertificateRequest): Buffer {
  const algorithm = der.sequence(der.oid(ECDSA_WITH_SHA256));
  const tbs = der.sequence(
    der.explicit(0, der.integer(2)), // v3
    der.integerBytes(serialNumber()),
    algorithm,
    name(req.issuer),
    der.sequence(der.time(req.notBefore), der.time(req.notAfter)),
    name(req.subject),
    req.publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(3, der.sequence(...req.extensions)),
  );
  const signature = sign('sha256', tbs, { key: req.signingKey, dsaEncoding: 'der' });
  return der.sequence(tbs, algorithm, der.bitString(signature));
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function ipv4Bytes(ip: string): Buffer {
  return Buffer.from(ip.split('.').map(Number));
}

/** A new CA and a serving certificate for the loopback addresses, valid for ten years. */
export function generateTlsMaterial(now: Date = new Date()): TlsMaterial {
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000); // tolerate a client clock a little behind
  const notAfter = new Date(now.getTime() + 3650 * DAY_MS);
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caSubject = { commonName: 'kubesim-ca', organization: 'kubesim' };
  const caKeyId = keyIdentifier(ca.publicKey);
  const caCert = certificate({
    subject: caSubject,
    issuer: caSubject,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    notBefore,
    notAfter,
    extensions: [
      extension(KEY_USAGE, true, der.namedBits([DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN])),
      extension(BASIC_CONSTRAINTS, true, der.sequence(der.boolean(true))),
      extension(SUBJECT_KEY_ID, false, der.octetString(caKeyId)),
    ],
  });

  const leaf = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const leafCert = certificate({
    subject: { commonName: 'kubesim-apiserver' },
    issuer: caSubject,
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    notBefore,
    notAfter,
    extensions: [
      extension(KEY_USAGE, true, der.namedBits([DIGITAL_SIGNATURE])),
      extension(EXT_KEY_USAGE, false, der.sequence(der.oid(SERVER_AUTH))),
      extension(BASIC_CONSTRAINTS, true, der.sequence()),
      extension(AUTHORITY_KEY_ID, false, der.sequence(der.implicitPrimitive(0, caKeyId))),
      extension(
        SUBJECT_ALT_NAME,
        false,
        der.sequence(der.implicitPrimitive(2, Buffer.from('localhost')), der.implicitPrimitive(7, ipv4Bytes('127.0.0.1'))),
      ),
    ],
  });

  return {
    caCert: pem('CERTIFICATE', caCert),
    cert: pem('CERTIFICATE', leafCert),
    key: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
