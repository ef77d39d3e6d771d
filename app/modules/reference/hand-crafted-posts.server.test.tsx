/**
 * Issue 8, test 7: a post nobody's browser would send — an unknown intent or event, a missing or
 * over-long id — gets 400 and messages in the reader's language through the route's own action,
 * never zod's English defaults on a Chinese page, never a 500. The root route is loaded as the
 * app loads it, since it is where zod's messages are turned into dictionary keys.
 */
import type { AppLoadContext } from "@remix-run/node";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { createTestDb, TEST_DB_KIND } from "#tests/db";
import { makeActor } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import "~/root";
import * as awardPage from "~/routes/bureau.lots.$lotId.award";
import * as reviewPage from "~/routes/bureau.accreditations";
import { ErrorList } from "~/ui/components/form";
import { i18nFor } from "~/ui/i18n/instances.server";

function context(db: unknown, actor: Actor): AppLoadContext {
  return { db, dbKind: TEST_DB_KIND, nonce: "n", clientAddress: "127.0.0.1", log: { requestId: "test" }, actorMemo: Promise.resolve({ actor, sessionId: "s" }) } as AppLoadContext;
}

function post(target: string, fields: [string, string][]): Request {
  return new Request(target, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

/** The status and body an action answered with (a thrown response included). */
async function outcome(run: () => Promise<unknown>): Promise<{ status: number; body?: unknown }> {
  try {
    const r = await run();
    if (r instanceof Response) return { status: r.status };
    const d = r as { data: unknown; init: { status?: number } | null };
    return { status: d.init?.status ?? 200, body: d.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    const d = thrown as { data?: unknown; init?: { status?: number } | null };
    return { status: d.init?.status ?? 500, body: d.data };
  }
}

/** The errors as the page shows them, in Chinese and in English. */
function shown(errors: string[]) {
  return Object.fromEntries(
    (["zh-CN", "en"] as const).map((lng) => [
      lng,
      renderToString(
        <I18nextProvider i18n={i18nFor(lng)}>
          <ErrorList errors={errors} />
        </I18nextProvider>,
      ),
    ]),
  ) as Record<"zh-CN" | "en", string>;
}

// zod's English defaults begin so ("Invalid option: expected one of…", "Too big: expected string…").
const ZOD_ENGLISH = /Invalid|Too (big|small)|expected|Required/;

describe("a hand-crafted post", () => {
  it("to the accreditation review with an unknown event and no id: 400, each message in Chinese on the Chinese page", async () => {
    const { db } = await createTestDb();
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const r = await outcome(() =>
      reviewPage.action({ request: post("http://localhost/bureau/accreditations", [["event", "approve-all"], ["expectedStatus", "archived"]]), params: {}, context: context(db, officer) }),
    );
    expect(r.status).toBe(400);
    const { errors } = r.body as { errors: string[] };
    expect(errors).toEqual(expect.arrayContaining(["common.form.required", "common.form.invalidChoice"]));
    const page = shown(errors);
    expect(page["zh-CN"]).toContain("此项必填");
    expect(page["zh-CN"]).toContain("请从给出的选项中选择");
    expect(page["zh-CN"]).not.toMatch(ZOD_ENGLISH);
    expect(page["zh-CN"]).not.toMatch(/common\.form/);
    expect(page.en).toContain("Choose one of the options given");
  });

  it("to the award page with an unknown intent, or an objection id over 64 characters: 400 with the message on that field, in both languages", async () => {
    const { db } = await createTestDb();
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const send = (fields: [string, string][]) =>
      outcome(() => awardPage.action({ request: post("http://localhost/bureau/lots/any/award", fields), params: { lotId: "any" }, context: context(db, officer) }));

    const unknown = await send([["intent", "delete"]]);
    expect(unknown.status).toBe(400);
    const unknownErrors = (unknown.body as { reply: { error: Record<string, string[]> } }).reply.error;
    expect(unknownErrors).toEqual({ intent: ["common.form.invalidChoice"] });
    expect(shown(unknownErrors.intent!)["zh-CN"]).toContain("请从给出的选项中选择");

    const longId = await send([["intent", "answer"], ["objectionId", "o".repeat(65)], ["decision", "upheld"], ["answer", "理由充分"]]);
    expect(longId.status).toBe(400);
    const longErrors = (longId.body as { reply: { error: Record<string, string[]> } }).reply.error;
    expect(Object.keys(longErrors)).toEqual(["objectionId"]);
    for (const [lng, text] of Object.entries(shown(longErrors.objectionId!))) {
      expect(text, lng).not.toMatch(ZOD_ENGLISH);
      expect(text, lng).not.toMatch(/common\.form/);
    }
  });
});
