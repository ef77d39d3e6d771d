/** Small display rules shared by the demand pages (pure). */
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import type { DemandStatus } from "./lifecycle";

/** A skill level's name in the page's language: "三级/高级工", "Level 3 / Senior". */
export function levelLabel(level: number, lang: string): string {
  const l = SKILL_LEVELS.find((s) => s.level === level);
  if (!l) return String(level);
  return lang === "en" ? l.nameEn : l.nameZh;
}

/** An occupation's name in the page's language. */
export function occupationLabel(o: { nameZh: string; nameEn: string }, lang: string): string {
  return lang === "en" ? o.nameEn : o.nameZh;
}

/** The badge colour of a status: done or moving on is ok, waiting on someone is warn, a dead end is bad. */
export function statusBadgeClass(status: DemandStatus): string {
  switch (status) {
    case "pooled":
    case "tendered":
    case "contracted":
    case "fulfilled":
      return "badge badge-ok";
    case "submitted":
    case "returned":
      return "badge badge-warn";
    case "rejected":
      return "badge badge-bad";
    case "draft":
    case "withdrawn":
      return "badge";
  }
}

/** Whether an occupation matches what was typed in the filter: Chinese or English name, code or category. */
export function occupationMatches(o: { code: string; nameZh: string; nameEn: string; categoryZh: string }, query: string): boolean {
  const q = query.normalize("NFKC").trim().toLowerCase();
  if (q === "") return true;
  return (
    o.nameZh.includes(q) || o.nameEn.toLowerCase().includes(q) || o.code.startsWith(q) || o.code.replace(/-/g, "").startsWith(q) || o.categoryZh.includes(q)
  );
}
