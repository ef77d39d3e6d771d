import type { DB } from "#db/client";

export interface Occupation {
  code: string;
  nameZh: string;
  nameEn: string;
  categoryZh: string;
  levelLowest: number | null;
  levelHighest: number | null;
}

/** The active occupations of the catalogue, by code. */
export async function listOccupations(db: DB): Promise<Occupation[]> {
  const rows = await db.selectFrom("occupations").selectAll().where("active", "=", 1).orderBy("code").execute();
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    categoryZh: r.category_zh,
    levelLowest: r.level_lowest,
    levelHighest: r.level_highest,
  }));
}
