import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";
import { openContent, parseSealKey, receiptHash, sealContent, SealKeyError } from "./seal.server";

const key = randomBytes(32);
const binding = { bidId: "bid1", lotId: "lot1", institutionId: "inst1" };
const content = { priceFen: 165_000, capacity: 20, plan: "理论 40 学时，实操 80 学时" };

describe("sealing bid content", () => {
  it("round-trips and hides the content", () => {
    const plain = canonicalJson(content);
    const sealed = sealContent(plain, binding, key);
    expect(sealed.ciphertext).not.toContain("165000");
    expect(Buffer.from(sealed.ciphertext, "base64").toString("utf8")).not.toContain("理论");
    expect(openContent(sealed, binding, [key])).toBe(plain);
  });

  it("uses a fresh nonce each time", () => {
    const a = sealContent("x", binding, key);
    const b = sealContent("x", binding, key);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it("refuses a ciphertext moved to another bid, lot or institution", () => {
    const sealed = sealContent("secret", binding, key);
    for (const other of [
      { ...binding, bidId: "bid2" },
      { ...binding, lotId: "lot2" },
      { ...binding, institutionId: "inst2" },
    ]) {
      expect(() => openContent(sealed, other, [key])).toThrow();
    }
  });

  it("refuses tampered ciphertext or tag, and an unknown key", () => {
    const sealed = sealContent("secret", binding, key);
    const flipped = Buffer.from(sealed.ciphertext, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openContent({ ...sealed, ciphertext: flipped.toString("base64") }, binding, [key])).toThrow();
    expect(() => openContent({ ...sealed, tag: Buffer.alloc(16).toString("base64") }, binding, [key])).toThrow();
    expect(() => openContent(sealed, binding, [randomBytes(32)])).toThrow(SealKeyError);
  });

  it("opens content sealed under a previous key after rotation", () => {
    const old = randomBytes(32);
    const sealed = sealContent("before rotation", binding, old);
    expect(openContent(sealed, binding, [key, old])).toBe("before rotation");
  });

  it("parses the key from base64 or hex and refuses a wrong length", () => {
    expect(parseSealKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseSealKey(key.toString("hex")).equals(key)).toBe(true);
    expect(() => parseSealKey(undefined)).toThrow(SealKeyError);
    expect(() => parseSealKey(randomBytes(16).toString("base64"))).toThrow(SealKeyError);
  });
});

describe("receipts", () => {
  it("do not depend on key order, and change with content or time", () => {
    const t = "2026-05-01T02:00:00.000Z";
    expect(receiptHash({ a: 1, b: 2 }, t)).toBe(receiptHash({ b: 2, a: 1 }, t));
    expect(receiptHash({ a: 1, b: 2 }, t)).not.toBe(receiptHash({ a: 1, b: 3 }, t));
    expect(receiptHash({ a: 1 }, t)).not.toBe(receiptHash({ a: 1 }, "2026-05-01T02:00:00.001Z"));
    expect(receiptHash({ a: 1 }, t)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("canonical JSON sorts keys at every depth", () => {
    expect(canonicalJson({ b: { d: 1, c: [2, { f: 1, e: 0 }] }, a: "x" })).toBe('{"a":"x","b":{"c":[2,{"e":0,"f":1}],"d":1}}');
  });
});
