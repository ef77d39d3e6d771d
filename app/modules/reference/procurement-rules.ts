/**
 * The procurement rules table (DESIGN.md "Procurement rules"): every period and threshold of the
 * procurement lifecycle, keyed by regime, read from the database and never hard-coded in a
 * use case. These are the seeds; the bureau admin edits the live values.
 */
export const REGIMES = ["GP", "TB"] as const;
export type Regime = (typeof REGIMES)[number];
export type RuleUnit = "D" | "WD" | "count" | "percent";

export const RULE_KEYS = [
  "publication_to_deadline_min",
  "amendment_min_remaining",
  "min_valid_bids",
  "panel_min_size",
  "panel_odd",
  "panel_expert_share_num",
  "panel_expert_share_den",
  "price_weight_min",
  "price_weight_default",
  "result_publication_max",
  "publicity_period",
  "objection_window",
  "objection_answer_max",
  "contract_signing_max",
  "records_retention_years",
  "completion_attendance_min",
  "advance_payment_share",
] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export interface RuleValue {
  value: number;
  unit: RuleUnit;
}
export type Rules = Record<RuleKey, RuleValue>;

export interface RuleSeed extends RuleValue {
  regime: Regime;
  key: RuleKey;
  source: string;
}

const GP: Record<RuleKey, [number, RuleUnit, string]> = {
  publication_to_deadline_min: [20, "D", "政府采购法 第三十五条"],
  amendment_min_remaining: [15, "D", "政府采购法实施条例 第三十一条；财政部令第87号 第二十七条"],
  min_valid_bids: [3, "count", "政府采购法 第三十六条"],
  panel_min_size: [5, "count", "财政部令第87号 第四十七条"],
  panel_odd: [1, "count", "财政部令第87号 第四十七条"],
  panel_expert_share_num: [2, "count", "财政部令第87号 第四十七条（专家不少于三分之二）"],
  panel_expert_share_den: [3, "count", "财政部令第87号 第四十七条（专家不少于三分之二）"],
  price_weight_min: [10, "percent", "财政部令第87号 第五十五条（服务不低于10%）"],
  price_weight_default: [30, "percent", "本区默认值"],
  result_publication_max: [2, "WD", "财政部令第87号 第六十九条"],
  publicity_period: [1, "WD", "财政部令第87号 第六十九条"],
  objection_window: [7, "WD", "政府采购法 第五十二条"],
  objection_answer_max: [7, "WD", "政府采购法 第五十三条"],
  contract_signing_max: [30, "D", "政府采购法 第四十六条"],
  records_retention_years: [15, "count", "政府采购法 第四十二条"],
  completion_attendance_min: [80, "percent", "本区培训结业要求（出勤不低于计划学时的80%）"],
  advance_payment_share: [30, "percent", "本区默认付款计划（确认入学后预付30%）"],
};

const TB: Record<RuleKey, [number, RuleUnit, string]> = {
  ...GP,
  publication_to_deadline_min: [20, "D", "招标投标法 第二十四条"],
  amendment_min_remaining: [15, "D", "招标投标法 第二十三条"],
  min_valid_bids: [3, "count", "招标投标法实施条例 第四十四条"],
  panel_min_size: [5, "count", "招标投标法 第三十七条"],
  panel_expert_share_num: [2, "count", "招标投标法 第三十七条（专家不少于三分之二）"],
  panel_expert_share_den: [3, "count", "招标投标法 第三十七条（专家不少于三分之二）"],
  publicity_period: [3, "D", "招标投标法实施条例 第五十四条"],
  objection_window: [3, "D", "招标投标法实施条例 第五十四条（公示期内提出异议）"],
  objection_answer_max: [3, "D", "招标投标法实施条例 第五十四条"],
  contract_signing_max: [30, "D", "招标投标法 第四十六条"],
  records_retention_years: [15, "count", "本区档案管理要求"],
};

export const RULE_SEEDS: RuleSeed[] = (
  [
    ["GP", GP],
    ["TB", TB],
  ] as const
).flatMap(([regime, table]) =>
  RULE_KEYS.map((key) => {
    const [value, unit, source] = table[key];
    return { regime, key, value, unit, source };
  }),
);

/**
 * Builds the typed rules of one regime from its rows; a missing key is an error, never a
 * silent default.
 */
export function rulesFromRows(rows: readonly { key: string; value: number; unit: string }[]): Rules {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out = {} as Rules;
  for (const key of RULE_KEYS) {
    const row = byKey.get(key);
    if (!row) throw new Error(`procurement rule missing: ${key}`);
    out[key] = { value: Number(row.value), unit: row.unit as RuleUnit };
  }
  return out;
}

/** Sane bounds for an edited rule value (the law's own minimums are the seeds, not these). */
export function ruleValueBounds(key: RuleKey, unit: RuleUnit): { min: number; max: number } {
  if (key === "panel_odd") return { min: 0, max: 1 };
  if (unit === "percent") return { min: 0, max: 100 };
  if (unit === "D" || unit === "WD") return { min: 0, max: 365 };
  if (key === "records_retention_years") return { min: 1, max: 100 };
  return { min: 1, max: 99 };
}

/** Checks a whole regime's rules for consistency after an edit; returns the keys at fault. */
export function inconsistentRules(rules: Rules): RuleKey[] {
  const bad: RuleKey[] = [];
  if (rules.panel_expert_share_num.value > rules.panel_expert_share_den.value) bad.push("panel_expert_share_num");
  if (rules.price_weight_default.value < rules.price_weight_min.value) bad.push("price_weight_default");
  return bad;
}
