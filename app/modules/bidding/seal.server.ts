import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { receiptPreimage } from "./canonical";

/**
 * Sealing of bid content (DESIGN.md "Bid — sealed"): AES-256-GCM under a key derived per lot
 * (HKDF-SHA256) from a server secret that never enters the database. The additional data binds
 * a ciphertext to its bid, lot and institution, so that copying ciphertexts between rows fails.
 */
export interface SealedContent {
  ciphertext: string;
  iv: string;
  tag: string;
  /** Which master key sealed it (a short hash of the key), for key rotation. */
  keyId: string;
}

export interface SealBinding {
  bidId: string;
  lotId: string;
  institutionId: string;
}

export class SealKeyError extends Error {}

/** Parses BID_SEAL_KEY: 32 bytes, base64 or hex. */
export function parseSealKey(text: string | undefined): Buffer {
  if (!text) throw new SealKeyError("BID_SEAL_KEY is not set");
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new SealKeyError("BID_SEAL_KEY must be 32 bytes (base64 or hex)");
  return key;
}

export function keyIdOf(master: Buffer): string {
  return createHash("sha256").update(master).digest("hex").slice(0, 12);
}

export function deriveLotKey(master: Buffer, lotId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.from("skilltender-bid-seal"), Buffer.from(`lot:${lotId}`), 32));
}

function aadOf(b: SealBinding): Buffer {
  return Buffer.from(`bid:${b.bidId}|lot:${b.lotId}|institution:${b.institutionId}`);
}

export function sealContent(plaintext: string, binding: SealBinding, master: Buffer): SealedContent {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveLotKey(master, binding.lotId), iv);
  cipher.setAAD(aadOf(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ciphertext: ciphertext.toString("base64"),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    keyId: keyIdOf(master),
  };
}

/** Opens sealed content with whichever known key sealed it; throws when tampered or unknown. */
export function openContent(sealed: SealedContent, binding: SealBinding, keys: readonly Buffer[]): string {
  const master = keys.find((k) => keyIdOf(k) === sealed.keyId);
  if (!master) throw new SealKeyError(`no key for ${sealed.keyId}`);
  const decipher = createDecipheriv("aes-256-gcm", deriveLotKey(master, binding.lotId), Buffer.from(sealed.iv, "base64"));
  decipher.setAAD(aadOf(binding));
  decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8");
}

/** The bidder's receipt: SHA-256 of the canonical content and the submission time, hex. */
export function receiptHash(content: unknown, submittedAtIso: string): string {
  return createHash("sha256").update(receiptPreimage(content, submittedAtIso), "utf8").digest("hex");
}
