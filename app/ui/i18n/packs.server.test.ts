import { describe, expect, it } from "vitest";
import { loader } from "~/routes/i18n.$lng[.]json";
import { languagePack } from "./packs.server";

const get = (lng: string, v?: string) =>
  loader({ request: new Request(`http://x/i18n/${lng}.json${v === undefined ? "" : `?v=${v}`}`), params: { lng }, context: {} } as never) as Response;

describe("the browser's dictionary, one language at a time", () => {
  it("serves each language's own text, cached for good only under its current version", async () => {
    const zh = get("zh-CN", languagePack("zh-CN").version);
    expect(zh.status).toBe(200);
    expect(zh.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const zhText = (await zh.json()) as { tender: { public: { title: string } } };
    const en = (await get("en").json()) as { tender: { public: { title: string } } };
    expect(zhText.tender.public.title).toMatch(/[\u4e00-\u9fff]/);
    expect(en.tender.public.title).not.toMatch(/[\u4e00-\u9fff]/);
    expect(get("en", "stale").headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(languagePack("zh-CN").version).not.toBe(languagePack("en").version);
  });

  it("answers 404 for a language it does not have", () => {
    expect(get("fr").status).toBe(404);
    expect(get("../resources").status).toBe(404);
  });
});
