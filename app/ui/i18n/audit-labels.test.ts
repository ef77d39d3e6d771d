import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resources } from "./resources";

/** Every audit action written by name in a use case (`action: "area.verb"`). */
function auditActionsInCode(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      for (const a of auditActionsInCode(path)) found.add(a);
    } else if (entry.endsWith(".server.ts") && !entry.endsWith(".test.ts")) {
      for (const line of readFileSync(path, "utf8").split("\n")) {
        if (!/^\s*action: /.test(line)) continue;
        for (const m of line.matchAll(/"([a-z]+\.[a-zA-Z]+)"/g)) found.add(m[1]!);
      }
    }
  }
  return found;
}

function label(lang: "zh-CN" | "en", action: string): unknown {
  const [area, verb] = action.split(".") as [string, string];
  const actions = (resources[lang].translation.bureau.audit as unknown as { actions: Record<string, Record<string, unknown>> }).actions;
  return actions[area]?.[verb];
}

describe("the audit page names every action", () => {
  const actions = [...auditActionsInCode(join(process.cwd(), "app"))].sort();

  it("finds the actions the use cases write", () => {
    expect(actions).toContain("lot.open");
    expect(actions.length).toBeGreaterThan(30);
  });

  it.each(actions)("%s has a label in Chinese and English", (action) => {
    expect(typeof label("zh-CN", action), `zh-CN ${action}`).toBe("string");
    expect(typeof label("en", action), `en ${action}`).toBe("string");
  });
});
