import type { DB } from "#db/client";

/** What every page about one lot names it by: its tender, number, occupation, level and size. */
export interface LotHead {
  lotId: string;
  tenderId: string;
  reference: string;
  tenderTitle: string;
  lotNumber: number;
  occupationCode: string;
  occupationZh: string;
  occupationEn: string;
  level: number;
  headcount: number;
}

/** A lot with its tender and occupation, selecting the head's columns; callers add their own. */
export function selectLotHead(db: Pick<DB, "selectFrom">, lotId: string) {
  return db
    .selectFrom("lots as l")
    .innerJoin("tenders as t", "t.id", "l.tender_id")
    .innerJoin("occupations as o", "o.code", "l.occupation_code")
    .select(["l.id", "l.tender_id", "t.reference", "t.title", "l.number", "l.occupation_code", "o.name_zh", "o.name_en", "l.level", "l.headcount"])
    .where("l.id", "=", lotId);
}

export function lotHeadOf(r: {
  id: string;
  tender_id: string;
  reference: string;
  title: string;
  number: number;
  occupation_code: string;
  name_zh: string;
  name_en: string;
  level: number;
  headcount: number;
}): LotHead {
  return {
    lotId: r.id,
    tenderId: r.tender_id,
    reference: r.reference,
    tenderTitle: r.title,
    lotNumber: r.number,
    occupationCode: r.occupation_code,
    occupationZh: r.name_zh,
    occupationEn: r.name_en,
    level: r.level,
    headcount: r.headcount,
  };
}
