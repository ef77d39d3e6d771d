import { createHash } from "node:crypto";
import type { Language } from "./config";
import { resources } from "./resources";

/** One language's dictionary as the browser downloads it, and a hash of it for caching. */
const packs = new Map<Language, { json: string; version: string }>();

export function languagePack(lng: Language): { json: string; version: string } {
  let p = packs.get(lng);
  if (!p) {
    const json = JSON.stringify(resources[lng].translation);
    p = { json, version: createHash("sha256").update(json).digest("hex").slice(0, 12) };
    packs.set(lng, p);
  }
  return p;
}
