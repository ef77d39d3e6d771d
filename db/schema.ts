/**
 * The database as Kysely sees it. Dialect-neutral: text ids made in the app, ISO-8601 UTC text
 * timestamps, integer fen for money, integer 0/1 for booleans, text statuses with CHECK
 * constraints (STYLE.md "Data").
 */

export interface OrganisationsTable {
  id: string;
  kind: "enterprise" | "institution" | "bureau";
  name: string;
  credit_code: string | null;
  status: "pending" | "verified" | "rejected" | "suspended";
  contact_name: string | null;
  contact_phone: string | null;
  address: string | null;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  password_hash: string;
  status: "active" | "disabled";
  created_at: string;
  password_changed_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: "member" | "admin" | "officer" | "evaluator" | "finance";
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_active_at: string;
  expires_at: string;
  idle_seconds: number;
}

export interface SignInAttemptsTable {
  id: string;
  email_key: string;
  address: string;
  succeeded: number;
  at: string;
}

export interface OccupationsTable {
  code: string;
  name_zh: string;
  name_en: string;
  category_zh: string;
  level_lowest: number | null;
  level_highest: number | null;
  source: string | null;
  active: number;
}

export interface SkillLevelsTable {
  level: number;
  name_zh: string;
  name_en: string;
  is_high_skilled: number;
}

export interface SubsidyStandardsTable {
  id: string;
  year: number;
  occupation_code: string | null;
  level: number;
  cap_fen: number;
  illustrative: number;
  note: string | null;
}

export interface CalendarDaysTable {
  date: string;
  kind: "holiday" | "workday";
  name_zh: string;
  name_en: string;
}

export interface ProcurementRulesTable {
  regime: "GP" | "TB";
  key: string;
  value: number;
  unit: "D" | "WD" | "count" | "percent";
  source: string;
}

export interface YearlyTargetsTable {
  year: number;
  trained_min: number;
  high_skilled_min: number;
  high_skilled_share_pct: number;
  budget_fen: number;
  updated_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface DB {
  organisations: OrganisationsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  occupations: OccupationsTable;
  skill_levels: SkillLevelsTable;
  subsidy_standards: SubsidyStandardsTable;
  calendar_days: CalendarDaysTable;
  procurement_rules: ProcurementRulesTable;
  yearly_targets: YearlyTargetsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
