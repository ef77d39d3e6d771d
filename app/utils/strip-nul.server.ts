import { Transform } from "node:stream";

/**
 * React 18.3's streaming renderer encodes markup into a reusable 2 KB buffer and, when a
 * multi-byte character (most Chinese text) would straddle its end, flushes the whole buffer
 * with a few unwritten zero bytes in it (react/react#31134; fixed upstream in #26228, never
 * released on 18.x). A NUL byte is never legitimate in HTML, so every one is dropped.
 */
export function withoutNul(chunk: Buffer): Buffer {
  if (chunk.indexOf(0) < 0) return chunk;
  const out = Buffer.allocUnsafe(chunk.length);
  let n = 0;
  for (const byte of chunk) if (byte !== 0) out[n++] = byte;
  return out.subarray(0, n);
}

/** A stream that passes the rendered HTML through without NUL bytes. */
export function stripNulStream(): Transform {
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      done(null, typeof chunk === "string" ? Buffer.from(chunk.replaceAll("\0", "")) : withoutNul(chunk));
    },
  });
}
