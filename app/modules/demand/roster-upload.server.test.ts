import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import type { Actor } from "~/modules/access/actor";
import { action as rosterAction } from "~/routes/demands.$id_.roster";
import { ROSTER_FILE_MAX_BYTES } from "./roster";
import { readRosterUpload, uploadedBytes } from "./roster-upload.server";
import { demandOf, idNumber, rosterOf, world } from "./test-fixtures.server";

const TOO_LARGE = 'demand.import.tooLarge|{"max":"5 MB"}';

function upload(bytes: Uint8Array, url = "http://localhost/demands/x/roster"): Request {
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], "roster.csv", { type: "text/csv" }));
  return new Request(url, { method: "POST", body: form });
}

describe("readRosterUpload: the upload limit", () => {
  it("reads a file within the limit", async () => {
    const r = await readRosterUpload(upload(new TextEncoder().encode("姓名,身份证号,手机号\n")));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(new TextDecoder().decode((await uploadedBytes(r.form)) ?? new Uint8Array())).toBe("姓名,身份证号,手机号\n");
  });

  it("refuses a file over 5 MB while streaming, with a clear message", async () => {
    const r = await readRosterUpload(upload(new Uint8Array(ROSTER_FILE_MAX_BYTES + 1).fill(0x41)));
    expect(r).toEqual({ ok: false, message: TOO_LARGE });
  });

  it("refuses a request that declares a larger body before reading a byte of it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request("http://localhost/demands/x/roster", {
      method: "POST",
      body,
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(50 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    expect(await readRosterUpload(request)).toEqual({ ok: false, message: TOO_LARGE });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("says when no file was chosen", async () => {
    const form = new FormData();
    form.append("file", new File([], ""));
    const r = await readRosterUpload(new Request("http://localhost/", { method: "POST", body: form }));
    expect(r.ok && (await uploadedBytes(r.form))).toBeNull();
  });

  it("answers a body that is not multipart with a message, not an error", async () => {
    const request = new Request("http://localhost/", { method: "POST", body: "x=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(await readRosterUpload(request)).toEqual({ ok: false, message: "demand.import.unreadableUpload" });
  });
});

describe("the roster page's upload", () => {
  function contextFor(db: AppLoadContext["db"], actor: Actor): AppLoadContext {
    return {
      db,
      dbKind: "sqlite",
      nonce: "",
      clientAddress: "127.0.0.1",
      log: { requestId: "test" },
      actorMemo: Promise.resolve({ actor, sessionId: "test-session" }),
    };
  }

  it("refuses an oversize file with the clear message, and imports nothing", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    const big = new TextEncoder().encode(`姓名,身份证号,手机号\n${`张三,${idNumber(1)},13800138000\n`.repeat(150_000)}`);
    expect(big.byteLength).toBeGreaterThan(ROSTER_FILE_MAX_BYTES);
    const request = upload(big, `http://localhost/demands/${id}/roster`);
    const result = (await rosterAction({ request, params: { id }, context: contextFor(db, enterprise) })) as unknown as {
      data: unknown;
      init: { status: number };
    };
    expect(result.init.status).toBe(400);
    expect(result.data).toEqual({ intent: "upload", error: TOO_LARGE });
    expect(await rosterOf(db, id)).toEqual([]);
  });

  it("imports a clean file and sends the user back to the roster", async () => {
    const { db, enterprise } = await world();
    const id = await demandOf(db, enterprise, { status: "draft" });
    const file = new TextEncoder().encode(`姓名,身份证号,手机号\n张三,${idNumber(1)},13800138000\n`);
    const response = await rosterAction({ request: upload(file, `http://localhost/demands/${id}/roster`), params: { id }, context: contextFor(db, enterprise) });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe(`/demands/${id}/roster?notice=demand.notice.imported`);
    expect(await rosterOf(db, id)).toHaveLength(1);
  });
});
