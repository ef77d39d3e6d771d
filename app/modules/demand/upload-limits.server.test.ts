/**
 * Issue 8, test 7: every upload of the app — the roster page's form, its JavaScript endpoint and
 * the sign-in sheet import — refuses a file over the limit with the clear message, before the body
 * is read whole, and writes nothing.
 */
import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { TEST_DB_KIND } from "#tests/db";
import type { Actor } from "~/modules/access/actor";
import { activeContract, scheduleSessions, setShanghaiNow } from "~/modules/delivery/test-fixtures.server";
import * as attendanceImport from "~/routes/contracts.$id_.attendance_.import";
import * as rosterPage from "~/routes/demands.$id_.roster";
import * as rosterImport from "~/routes/demands.$id_.roster_.import";
import { ROSTER_FILE_MAX_BYTES } from "./roster";
import { demandOf, world } from "./test-fixtures.server";

const TOO_LARGE = 'demand.import.tooLarge|{"max":"5 MB"}';
const CHUNK = 64 * 1024;

function context(db: AppLoadContext["db"], actor: Actor): AppLoadContext {
  return { db, dbKind: TEST_DB_KIND, nonce: "n", clientAddress: "127.0.0.1", log: { requestId: "test" }, actorMemo: Promise.resolve({ actor, sessionId: "s" }) } as AppLoadContext;
}

/**
 * A multipart upload as a browser streams it, without a Content-Length: the form's fields, then a
 * CSV of `fileBytes` bytes, sent in 64 KB chunks; `pulled()` tells how many bytes the server read.
 */
function streamedUpload(url: string, fields: Record<string, string>, fileBytes: number): { request: Request; pulled: () => number; total: number } {
  const boundary = "----skilltender-limit-test";
  const encoder = new TextEncoder();
  const head = encoder.encode(
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("") + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const total = head.byteLength + fileBytes + tail.byteLength;
  let sent = 0;
  let fileSent = 0;
  let headSent = false;
  let tailSent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk: Uint8Array;
      if (!headSent) {
        headSent = true;
        chunk = head;
      } else if (fileSent < fileBytes) {
        const n = Math.min(CHUNK, fileBytes - fileSent);
        fileSent += n;
        chunk = new Uint8Array(n).fill(0x41);
      } else if (!tailSent) {
        tailSent = true;
        chunk = tail;
      } else {
        controller.close();
        return;
      }
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request(url, {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => sent, total };
}

/** The action's answer as status and body (Remix's `data()` or a Response). */
async function answer(r: unknown): Promise<{ status: number; body: unknown }> {
  if (r instanceof Response) return { status: r.status, body: await r.json() };
  const d = r as { data: unknown; init: { status?: number } | null };
  return { status: d.init?.status ?? 200, body: d.data };
}

describe("uploads over the limit", () => {
  it("the roster: a file one byte over 5 MB is refused on the page and by its JavaScript endpoint; a file three times the limit is not read to its end; no trainee is added", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    const url = `http://localhost/demands/${id}/roster`;
    const ctx = context(db, enterprise);

    const justOver = streamedUpload(url, {}, ROSTER_FILE_MAX_BYTES + 1);
    expect(await answer(await rosterPage.action({ request: justOver.request, params: { id }, context: ctx }))).toEqual({ status: 400, body: { intent: "upload", error: TOO_LARGE } });

    const huge = streamedUpload(`${url}/import`, {}, 3 * ROSTER_FILE_MAX_BYTES);
    expect(await answer(await rosterImport.action({ request: huge.request, params: { id }, context: ctx }))).toEqual({ status: 400, body: { intent: "upload", error: TOO_LARGE } });
    // The parser stopped at the limit: it read at most the limit and a few chunks, not the 15 MB sent.
    expect(huge.pulled()).toBeLessThanOrEqual(ROSTER_FILE_MAX_BYTES + 4 * CHUNK);
    expect(huge.pulled()).toBeLessThan(huge.total);

    expect(await db.selectFrom("demand_trainees").select("trainee_id").where("demand_id", "=", id).execute()).toEqual([]);
    expect(await db.selectFrom("roster_imports").select("id").execute()).toEqual([]);
  });

  it("the sign-in sheet: a file one byte over 5 MB is refused with the message next to the file field; a larger one is not read to its end; no attendance is recorded", async () => {
    const dw = await activeContract();
    const [sessionId] = await scheduleSessions(dw);
    setShanghaiNow("2027-04-06T18:00");
    const url = `http://localhost/contracts/${dw.contractId}/attendance/import`;
    const ctx = context(dw.db, dw.institution);
    const params = { id: dw.contractId };

    const justOver = streamedUpload(url, { sessionId: sessionId! }, ROSTER_FILE_MAX_BYTES + 1);
    expect(await answer(await attendanceImport.action({ request: justOver.request, params, context: ctx }))).toEqual({ status: 400, body: { sessionId: "", fileError: TOO_LARGE } });

    const huge = streamedUpload(url, { sessionId: sessionId! }, 3 * ROSTER_FILE_MAX_BYTES);
    expect(await answer(await attendanceImport.action({ request: huge.request, params, context: ctx }))).toMatchObject({ status: 400, body: { fileError: TOO_LARGE } });
    expect(huge.pulled()).toBeLessThanOrEqual(ROSTER_FILE_MAX_BYTES + 4 * CHUNK);

    expect(await dw.db.selectFrom("attendance").select("enrolment_id").execute()).toEqual([]);
  });
});
