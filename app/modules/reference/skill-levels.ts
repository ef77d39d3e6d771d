/**
 * National vocational skill levels (职业技能等级), 5 the lowest and 1 the highest. High-skilled
 * (高技能人才) means level 3 or higher: 高级工, 技师, 高级技师.
 */
export const SKILL_LEVELS = [
  { level: 5, nameZh: "五级/初级工", nameEn: "Level 5 / Junior" },
  { level: 4, nameZh: "四级/中级工", nameEn: "Level 4 / Intermediate" },
  { level: 3, nameZh: "三级/高级工", nameEn: "Level 3 / Senior" },
  { level: 2, nameZh: "二级/技师", nameEn: "Level 2 / Technician" },
  { level: 1, nameZh: "一级/高级技师", nameEn: "Level 1 / Senior technician" },
] as const;

export type SkillLevel = 1 | 2 | 3 | 4 | 5;

/** Level 3 and above (numerically 3, 2, 1) is high-skilled. */
export function isHighSkilled(level: number): boolean {
  return Number.isInteger(level) && level >= 1 && level <= 3;
}

/** The policy's default yearly targets (高技能人才队伍建设). */
export const DEFAULT_TARGETS = { trainedMin: 500, highSkilledMin: 100, highSkilledSharePct: 25 } as const;
