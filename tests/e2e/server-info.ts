/**
 * Where an e2e server (tests/e2e/server.ts) and the journeys meet outside HTTP: the clock file a
 * clock server reads its offset from, and the small JSON file in which every e2e server says
 * where its database is. Both live in the temporary directory, named by the server's port, so
 * that two runs on different ports never share them. Used by playwright.config.ts, the server
 * and the fixtures; node built-ins only.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What an e2e server writes to serverInfoFileFor(port) once its database is ready. */
export interface ServerInfo {
  port: number;
  pid: number;
  /** The SQLite file the server uses; a journey may open it read-only to learn ids. */
  databasePath: string;
  /** The clock file of a clock server, null for the ordinary server. */
  clockFile: string | null;
}

/** The clock file of the clock server on `port`: an offset in milliseconds, added to real time. */
export function clockFileFor(port: number): string {
  return join(tmpdir(), `skilltender-clock-${port}.offset`);
}

/** The JSON file (ServerInfo) of the e2e server on `port`. */
export function serverInfoFileFor(port: number): string {
  return join(tmpdir(), `skilltender-server-${port}.json`);
}

/** The port of a base URL such as http://127.0.0.1:3101. */
export function portOf(baseURL: string): number {
  return Number(new URL(baseURL).port);
}

/** The offset a clock file holds: a missing or empty file is 0; anything but an integer is an error. */
export function readClockOffset(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  if (text === "") return 0;
  if (!/^-?[0-9]+$/.test(text)) throw new Error(`${file}: a clock offset is an integer of milliseconds, got "${text.slice(0, 40)}"`);
  return Number(text);
}

/** Replaces the offset in a clock file at once (write aside, then rename), so a reader never sees half a number. */
export function writeClockOffset(file: string, offsetMs: number): void {
  if (!Number.isSafeInteger(offsetMs)) throw new RangeError(`a clock offset is an integer of milliseconds, got ${offsetMs}`);
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, String(offsetMs));
  renameSync(aside, file);
}
