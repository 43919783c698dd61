// The team aggregate's cryptography, all from node:crypto (no home-made primitives):
// - signing keys: Ed25519; report keys: X25519;
// - sealing: an ephemeral X25519 key agreement with the report key, HKDF-SHA256, AES-256-GCM, with the
//   header as associated data; the member's Ed25519 signature travels inside the ciphertext, so nobody with
//   the folder learns who sent a file;
// - steward key backups: scrypt + AES-256-GCM.
// Formats are documented in docs/team-format.md ("Sealed contributions").
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, scryptSync, sign, verify, type KeyObject } from 'node:crypto';

export const SEALED_KIND = 'craft-time/team-sealed';
export const SEALED_VERSION = 2;
/** The signed-and-padded plaintext is a multiple of this many bytes, so a file's size tells nothing about its numbers. */
export const SEAL_PAD_BYTES = 2048;
/** Sealed files larger than this are rejected unread (a real one is about 3 KB). */
export const MAX_SEALED_BYTES = 16 * 1024;
const HKDF_INFO = 'craft-time team seal v2';
const SIGNATURE_CONTEXT = 'craft-time/team-contribution-signature';

/** A key pair: the public key as base64url of its 32 raw bytes, the private key as a JWK (kept only in a data folder). */
export interface KeyPair {
  readonly publicKey: string;
  readonly privateKey: PrivateJwk;
}

export interface PrivateJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519' | 'X25519';
  readonly x: string;
  readonly d: string;
}

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

export function isPublicKeyText(value: unknown): value is string {
  return typeof value === 'string' && B64URL_32.test(value);
}

// RFC 8410 DER prefixes: PKCS#8 private keys and SPKI public keys of both curves end in their 32 raw bytes.
const DER_PREFIX = {
  ed25519: { pkcs8: '302e020100300506032b657004220420', spki: '302a300506032b6570032100' },
  x25519: { pkcs8: '302e020100300506032b656e04220420', spki: '302a300506032b656e032100' },
} as const;

/** The 32 raw bytes at the end of a DER key, after checking its fixed prefix (base64url). */
function rawOfDer(der: Buffer, prefixHex: string): string {
  const prefix = Buffer.from(prefixHex, 'hex');
  if (der.length !== prefix.length + 32 || !der.subarray(0, prefix.length).equals(prefix)) throw new Error('Unexpected key encoding from node:crypto.');
  return der.subarray(prefix.length).toString('base64url');
}

/**
 * A fresh key pair as raw bytes. The keys are encoded by the key generation itself (DER, then the raw bytes
 * are taken after the fixed prefix): exporting the returned KeyObject as JWK instead can deadlock Node 20
 * when a garbage collection runs during the export (seen at about one in a few thousand calls).
 */
function generateRaw(kind: 'ed25519' | 'x25519'): { x: string; d: string } {
  const { publicKey, privateKey } = kind === 'ed25519'
    ? generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } })
    : generateKeyPairSync('x25519', { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } });
  return { x: rawOfDer(publicKey, DER_PREFIX[kind].spki), d: rawOfDer(privateKey, DER_PREFIX[kind].pkcs8) };
}

function generate(kind: 'ed25519' | 'x25519'): KeyPair {
  const { x, d } = generateRaw(kind);
  return { publicKey: x, privateKey: { kty: 'OKP', crv: kind === 'ed25519' ? 'Ed25519' : 'X25519', x, d } };
}

/** A new Ed25519 signing key pair (steward or member). */
export function generateSigningKeys(): KeyPair {
  return generate('ed25519');
}

/** A new X25519 report key pair: contributions are sealed to its public part. */
export function generateReportKeys(): KeyPair {
  return generate('x25519');
}

const publicCache = new Map<string, KeyObject>();

/** The KeyObject of a raw public key (cached: a report verifies many files of the same signers). */
function publicKeyObject(raw: string, crv: 'Ed25519' | 'X25519'): KeyObject {
  const id = `${crv}:${raw}`;
  let key = publicCache.get(id);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv, x: raw }, format: 'jwk' });
    if (publicCache.size > 100_000) publicCache.clear();
    publicCache.set(id, key);
  }
  return key;
}

const privateCache = new Map<string, KeyObject>();

/** The KeyObject of a stored private key (cached: a report opens many files with one key). */
function privateKeyObject(jwk: PrivateJwk): KeyObject {
  const id = `${jwk.crv}:${jwk.x}:${jwk.d}`;
  let key = privateCache.get(id);
  if (!key) {
    key = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
    if (privateCache.size > 64) privateCache.clear();
    privateCache.set(id, key);
  }
  return key;
}

/** Checks that a stored private key is well formed and matches its public half. */
export function isPrivateJwk(value: unknown, crv: 'Ed25519' | 'X25519'): value is PrivateJwk {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.kty !== 'OKP' || v.crv !== crv || !isPublicKeyText(v.x) || !isPublicKeyText(v.d)) return false;
  try {
    const pub = createPublicKey(privateKeyObject(v as unknown as PrivateJwk)).export({ format: 'jwk' }) as { x: string };
    return pub.x === v.x;
  } catch {
    return false;
  }
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A short fingerprint of a public key, for people to compare by phone or chat: the first 80 bits of its
 * SHA-256, in base32, as four groups of four ("k3xq-7m2a-pd9r-wf4e").
 */
export function fingerprint(publicKey: string): string {
  const digest = createHash('sha256').update(`craft-time key\n${publicKey}`).digest();
  let bits = 0, value = 0, out = '';
  for (const byte of digest.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

export const FINGERPRINT_RE = /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/;

/** JSON with object keys sorted at every level: what signatures are computed over. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // A plain loop (no intermediate arrays): a report hashes every roster entry and every file's header.
  const o = value as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** An Ed25519 signature (base64url) of a domain-separated message. */
export function signText(privateKey: PrivateJwk, context: string, message: string): string {
  return sign(null, Buffer.from(`${context}\n${message}`), privateKeyObject(privateKey)).toString('base64url');
}

/** Verifies a signature; false (never a throw) for any malformed key or signature. */
export function verifyText(publicKey: unknown, context: string, message: string, signature: unknown): boolean {
  if (!isPublicKeyText(publicKey) || typeof signature !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  try {
    return verify(null, Buffer.from(`${context}\n${message}`), publicKeyObject(publicKey, 'Ed25519'), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sealing.

export interface SealInput {
  readonly team: string;
  readonly month: string;
  /** The report public key (X25519, base64url raw). */
  readonly reportKey: string;
  /** The exact plaintext the member reviewed. */
  readonly plaintext: string;
  readonly signer: KeyPair;
}

interface Header {
  readonly kind: typeof SEALED_KIND;
  readonly version: typeof SEALED_VERSION;
  readonly team: string;
  readonly month: string;
  /** Fingerprint of the report key this file is sealed to (so the steward picks the right key after rotation). */
  readonly recipient: string;
  readonly ephemeral: string;
  readonly nonce: string;
}

function signatureMessage(team: string, month: string, recipient: string, plaintext: string): string {
  return `${team}\n${month}\n${recipient}\n${plaintext}`;
}

function deriveKey(shared: Buffer, ephemeral: string, reportKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${ephemeral}.${reportKey}`), HKDF_INFO, 32));
}

/**
 * Signs the plaintext with the member's key and seals both to the report key. Returns the file's text:
 * one JSON object whose only readable fields are the format, team id, month, recipient key fingerprint and
 * the random values of the encryption.
 */
export function sealContribution(input: SealInput): string {
  const recipient = fingerprint(input.reportKey);
  const signature = signText(input.signer.privateKey, SIGNATURE_CONTEXT, signatureMessage(input.team, input.month, recipient, input.plaintext));
  const inner = Buffer.from(JSON.stringify({ signer: input.signer.publicKey, signature, contribution: input.plaintext }));
  const padded = Buffer.alloc(Math.ceil((inner.length + 1) / SEAL_PAD_BYTES) * SEAL_PAD_BYTES, 0x20);
  inner.copy(padded);
  const eph = generateRaw('x25519');
  const ephemeral = eph.x;
  const ephPrivate = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: eph.x, d: eph.d }, format: 'jwk' });
  const key = deriveKey(diffieHellman({ privateKey: ephPrivate, publicKey: publicKeyObject(input.reportKey, 'X25519') }), ephemeral, input.reportKey);
  const header: Header = { kind: SEALED_KIND, version: SEALED_VERSION, team: input.team, month: input.month, recipient, ephemeral, nonce: randomBytes(12).toString('base64url') };
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(header.nonce, 'base64url'));
  cipher.setAAD(Buffer.from(canonicalJson(header)));
  const ciphertext = Buffer.concat([cipher.update(padded), cipher.final(), cipher.getAuthTag()]).toString('base64url');
  return `${JSON.stringify({ ...header, ciphertext })}\n`;
}

export interface OpenedContribution {
  readonly month: string;
  /** The signer's public key and its fingerprint (the member's identity for counting). */
  readonly signer: string;
  readonly signerFingerprint: string;
  /** The exact plaintext the member reviewed. */
  readonly plaintext: string;
}

export const NOT_ROSTERED = 'signed by a key that is not on the roster';
const HEADER_FIELDS = ['kind', 'version', 'team', 'month', 'recipient', 'ephemeral', 'nonce', 'ciphertext'];
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Opens a sealed file in memory: parses the header, decrypts with the matching report key (AES-GCM
 * authenticates the header and ciphertext), and verifies the member's signature over team, month, recipient
 * and plaintext. Never throws: any failure is a reason that quotes nothing from the file. With `rostered`
 * (public key -> fingerprint of every rostered member), a signer not on it is refused before the signature is
 * checked, and the fingerprint is looked up rather than hashed again.
 */
export function openSealed(text: string, team: string, reportKeys: ReadonlyMap<string, KeyPair>, rostered?: ReadonlyMap<string, string>): OpenedContribution | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { reason: 'not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { reason: 'not a JSON object' };
  const h = json as Record<string, unknown>;
  if (h.kind !== SEALED_KIND) return { reason: `not a sealed contribution (kind must be "${SEALED_KIND}")` };
  if (h.version !== SEALED_VERSION) return { reason: typeof h.version === 'number' && h.version > SEALED_VERSION ? 'newer than this Craft Time reads' : 'unsupported version' };
  for (const k of Object.keys(h)) if (!HEADER_FIELDS.includes(k)) return { reason: 'unexpected field' };
  for (const k of HEADER_FIELDS) if (typeof h[k] !== (k === 'version' ? 'number' : 'string')) return { reason: `missing or bad field "${k}"` };
  if (h.team !== team) return { reason: 'sealed for another team' };
  if (!MONTH_RE.test(h.month as string)) return { reason: 'month must be YYYY-MM' };
  const report = reportKeys.get(h.recipient as string);
  if (!report) return { reason: 'sealed to a report key this steward does not hold' };
  if (!isPublicKeyText(h.ephemeral) || !/^[A-Za-z0-9_-]{16}$/.test(h.nonce as string) || !/^[A-Za-z0-9_-]+$/.test(h.ciphertext as string)) return { reason: 'malformed encryption fields' };
  let padded: Buffer;
  try {
    // The ephemeral key is new in every file: not cached.
    const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: h.ephemeral }, format: 'jwk' });
    const key = deriveKey(diffieHellman({ privateKey: privateKeyObject(report.privateKey), publicKey: ephemeral }), h.ephemeral, report.publicKey);
    const raw = Buffer.from(h.ciphertext as string, 'base64url');
    if (raw.length < 16 + SEAL_PAD_BYTES) return { reason: 'ciphertext too short' };
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(h.nonce as string, 'base64url'));
    const { ciphertext: _c, ...header } = h;
    decipher.setAAD(Buffer.from(canonicalJson(header)));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    padded = Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]);
  } catch {
    return { reason: 'does not decrypt (tampered, or not sealed to this report key)' };
  }
  let inner: unknown;
  try {
    inner = JSON.parse(padded.toString('utf8'));
  } catch {
    return { reason: 'sealed content is not valid JSON' };
  }
  const i = inner as Record<string, unknown>;
  if (typeof inner !== 'object' || inner === null || typeof i.contribution !== 'string' || !isPublicKeyText(i.signer)) return { reason: 'sealed content is malformed' };
  const rosteredFingerprint = rostered?.get(i.signer);
  if (rostered && rosteredFingerprint === undefined) return { reason: NOT_ROSTERED };
  if (!verifyText(i.signer, SIGNATURE_CONTEXT, signatureMessage(team, h.month as string, h.recipient as string, i.contribution), i.signature)) {
    return { reason: 'signature does not verify' };
  }
  return { month: h.month as string, signer: i.signer, signerFingerprint: rosteredFingerprint ?? fingerprint(i.signer), plaintext: i.contribution };
}

// ---------------------------------------------------------------------------------------------------------
// Passphrase-protected backups of the steward's keys.

export const BACKUP_KIND = 'craft-time/team-steward-backup';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** Encrypts `data` under a passphrase: scrypt (N 2^15, r 8, p 1) derives an AES-256-GCM key. */
export function encryptWithPassphrase(data: string, passphrase: string): string {
  if (passphrase.length < 8) throw new RangeError('The passphrase must have at least 8 characters.');
  const salt = randomBytes(16), nonce = randomBytes(12);
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(BACKUP_KIND));
  const ciphertext = Buffer.concat([cipher.update(data, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${JSON.stringify({ kind: BACKUP_KIND, version: 1, kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64url') }, nonce: nonce.toString('base64url'), ciphertext: ciphertext.toString('base64url') }, null, 2)}\n`;
}

/** Decrypts a backup; throws Error with a plain reason (wrong passphrase and damage look the same, on purpose). */
export function decryptWithPassphrase(text: string, passphrase: string): string {
  let b: { kind?: unknown; version?: unknown; kdf?: { name?: unknown; N?: unknown; r?: unknown; p?: unknown; salt?: unknown }; nonce?: unknown; ciphertext?: unknown };
  try {
    b = JSON.parse(text) as typeof b;
  } catch {
    throw new Error('The backup is not valid JSON.');
  }
  if (b?.kind !== BACKUP_KIND || b.version !== 1 || b.kdf?.name !== 'scrypt' || b.kdf.N !== SCRYPT.N || b.kdf.r !== SCRYPT.r || b.kdf.p !== SCRYPT.p) {
    throw new Error('Not a Craft Time steward key backup (or made by a newer version).');
  }
  if (typeof b.kdf.salt !== 'string' || typeof b.nonce !== 'string' || typeof b.ciphertext !== 'string') throw new Error('The backup is damaged.');
  try {
    const key = scryptSync(passphrase.normalize('NFC'), Buffer.from(b.kdf.salt, 'base64url'), 32, SCRYPT);
    const raw = Buffer.from(b.ciphertext, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(b.nonce, 'base64url'));
    decipher.setAAD(Buffer.from(BACKUP_KIND));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('Wrong passphrase, or the backup is damaged.');
  }
}
