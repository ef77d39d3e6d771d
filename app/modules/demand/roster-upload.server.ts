import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { msg } from "~/utils/result";
import { ROSTER_FILE_MAX_BYTES } from "./roster";

/** Room for the form's other fields and the multipart boundaries around the file. */
const ENVELOPE_BYTES = 64 * 1024;

const tooLarge = (maxBytes: number) => msg("demand.import.tooLarge", { max: `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB` });

/**
 * Reads a roster upload (multipart/form-data) with a limit on the file's size: a request that
 * says it is too large is refused before a byte of it is read, and a file that grows past the
 * limit while streaming is refused as soon as it does, never read whole into memory.
 */
export async function readRosterUpload(
  request: Request,
  maxBytes: number = ROSTER_FILE_MAX_BYTES,
): Promise<{ ok: true; form: FormData } | { ok: false; message: string }> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) return { ok: false, message: tooLarge(maxBytes) };
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }));
    return { ok: true, form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, message: tooLarge(maxBytes) };
    return { ok: false, message: "demand.import.unreadableUpload" };
  }
}

/** The uploaded file's bytes, or null when no file was chosen. */
export async function uploadedBytes(form: FormData, field = "file"): Promise<Uint8Array | null> {
  const file = form.get(field);
  if (!file || typeof file === "string") return null;
  if (file.size === 0 && file.name === "") return null;
  return new Uint8Array(await file.arrayBuffer());
}
