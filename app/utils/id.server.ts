import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

/** A new record id: 16 characters of base32 from 80 random bits. */
export function newId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(10));
}
