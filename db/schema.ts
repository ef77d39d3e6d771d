import type { Generated } from "kysely";
import type { DemandStatus } from "~/modules/demand/lifecycle";
import type { LotStatus, TenderStatus } from "~/modules/tender/lifecycle";
import type { AccreditationStatus } from "~/modules/accreditation/lifecycle";
import type { AwardStatus, ObjectionStatus } from "~/modules/award/lifecycle";
import type { ContractStatus } from "~/modules/contract/lifecycle";
import type { EnrolmentStatus, TraineeProgress } from "~/modules/delivery/lifecycle";
import type { MilestoneKind, MilestoneStatus, PaymentStatus } from "~/modules/payment/lifecycle";

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

export type { AccreditationStatus, DemandStatus, LotStatus, TenderStatus };

export interface TendersTable {
  id: string;
  reference: string | null;
  year: number;
  title: string;
  description: string | null;
  regime: "GP" | "TB";
  status: TenderStatus;
  bid_deadline: string | null;
  published_at: string | null;
  min_valid_bids: number;
  price_points: number;
  advance_pct: number;
  /** Share of planned hours a trainee must attend to complete (migration 202611281200). */
  completion_pct: Generated<number>;
  cancel_reason: string | null;
  last_material_amendment_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface LotsTable {
  id: string;
  tender_id: string;
  number: number;
  occupation_code: string;
  level: number;
  headcount: number;
  window_start: string;
  window_end: string;
  max_price_fen: number;
  cap_fen: number;
  status: LotStatus;
  /** 0 until evaluation starts; an upheld objection that re-opens evaluation adds one. */
  evaluation_round: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface DemandsTable {
  id: string;
  enterprise_id: string;
  occupation_code: string;
  level: number;
  headcount: number;
  earliest_start: string;
  latest_end: string;
  place: string;
  notes: string | null;
  status: DemandStatus;
  status_reason: string | null;
  tender_id: string | null;
  lot_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface TraineesTable {
  id: string;
  enterprise_id: string;
  name: string;
  id_number: string;
  phone: string;
  current_level: number | null;
  created_at: string;
  updated_at: string;
}

export interface DemandTraineesTable {
  demand_id: string;
  trainee_id: string;
  added_at: string;
}

export interface WorkforceReportsTable {
  enterprise_id: string;
  year: number;
  skilled_workers: number;
  high_skilled_workers: number;
  updated_at: string;
}

export interface TenderCriteriaTable {
  id: string;
  tender_id: string;
  position: number;
  name: string;
  description: string | null;
  points: number;
}

export interface TenderPanelMembersTable {
  tender_id: string;
  user_id: string;
  kind: "expert" | "representative";
  status: "active" | "removed";
  removed_reason: string | null;
  added_at: string;
}

export interface TenderAmendmentsTable {
  id: string;
  tender_id: string;
  at: string;
  by_user_id: string;
  material: number;
  summary: string;
  changes_json: string;
  deadline_before: string | null;
  deadline_after: string | null;
}

export interface TenderQuestionsTable {
  id: string;
  tender_id: string;
  asked_by_org_id: string;
  asked_by_user_id: string;
  question: string;
  asked_at: string;
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
}

export interface ReferenceCountersTable {
  scope: string;
  last: number;
}

export interface DB {
  tenders: TendersTable;
  lots: LotsTable;
  demands: DemandsTable;
  trainees: TraineesTable;
  demand_trainees: DemandTraineesTable;
  workforce_reports: WorkforceReportsTable;
  tender_criteria: TenderCriteriaTable;
  tender_panel_members: TenderPanelMembersTable;
  tender_amendments: TenderAmendmentsTable;
  tender_questions: TenderQuestionsTable;
  reference_counters: ReferenceCountersTable;
}

/** A checked roster file's good rows, between the check and "import the good rows only". */
export interface RosterImportsTable {
  id: string;
  demand_id: string;
  enterprise_id: string;
  created_by: string;
  created_at: string;
  /** JSON array of the good rows: { line, name, idNumber, phone, currentLevel }. */
  rows_json: string;
  bad_count: number;
  total_count: number;
  consumed_at: string | null;
}

export interface DB {
  roster_imports: RosterImportsTable;
}

// Bidding, opening, evaluation, award, objections, contracts (migration 202611280900).

export type BidStatus = "draft" | "submitted" | "withdrawn" | "discarded" | "valid" | "rejected" | "awarded" | "not_awarded";

export interface AccreditationsTable {
  id: string;
  institution_id: string;
  occupation_code: string;
  highest_level: number;
  licence_number: string;
  valid_from: string;
  valid_to: string;
  status: AccreditationStatus;
  status_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface BidsTable {
  id: string;
  lot_id: string;
  institution_id: string;
  status: BidStatus;
  ciphertext: string;
  iv: string;
  tag: string;
  key_id: string;
  receipt_hash: string | null;
  submitted_at: string | null;
  confirmed_at: string | null;
  price_fen: number | null;
  capacity: number | null;
  opened_content_json: string | null;
  receipt_ok: number | null;
  rejection_reason: string | null;
  compliance_by: string | null;
  compliance_at: string | null;
  /** Set when an upheld objection or a lapsed contract takes the bid out of the running. */
  excluded_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface LotOpeningsTable {
  lot_id: string;
  opened_at: string;
  opened_by: string | null;
  valid_bid_count: number;
  outcome: "proceed" | "unsuccessful";
  record_json: string;
}

export interface LotPanelMembersTable {
  lot_id: string;
  user_id: string;
  kind: "expert" | "representative";
  status: "active" | "conflicted" | "removed";
  replaces_user_id: string | null;
  added_by: string | null;
  added_at: string;
  updated_at: string;
}

export interface PanelDeclarationsTable {
  lot_id: string;
  round: number;
  user_id: string;
  has_conflict: number;
  note: string | null;
  declared_at: string;
}

export interface BidScoresTable {
  bid_id: string;
  round: number;
  user_id: string;
  criterion_id: string;
  score_hundredths: number;
  comment: string;
  updated_at: string;
}

export interface PanelSubmissionsTable {
  lot_id: string;
  round: number;
  user_id: string;
  submitted_at: string;
}

export interface EvaluationReportsTable {
  lot_id: string;
  round: number;
  ranking_json: string;
  members_json: string;
  scores_json: string;
  created_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export interface AwardsTable {
  id: string;
  lot_id: string;
  bid_id: string;
  institution_id: string;
  rank: number;
  headcount: number;
  price_fen: number;
  value_fen: number;
  status: AwardStatus;
  published_at: string | null;
  publicity_ends_at: string | null;
  objection_deadline: string | null;
  round: Generated<number>;
  replaces_award_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AwardDemandsTable {
  award_id: string;
  demand_id: string;
  headcount: number;
}

export interface ObjectionsTable {
  id: string;
  lot_id: string;
  award_id: string | null;
  institution_id: string;
  lodged_by: string;
  grounds: string;
  lodged_at: string;
  answer_due_at: string;
  status: ObjectionStatus;
  outcome: "reevaluate" | "next_ranked" | null;
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
}

export interface ContractsTable {
  id: string;
  reference: string;
  award_id: string;
  tender_id: string;
  lot_id: string;
  institution_id: string;
  status: ContractStatus;
  headcount: number;
  price_fen: number;
  value_fen: number;
  sign_due_at: string;
  bureau_signed_at: string | null;
  bureau_signed_by: string | null;
  institution_signed_at: string | null;
  institution_signed_by: string | null;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
  acceptance_json: string | null;
}

export interface NotificationsTable {
  id: string;
  organisation_id: string;
  kind: string;
  params_json: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface DB {
  accreditations: AccreditationsTable;
  bids: BidsTable;
  lot_openings: LotOpeningsTable;
  lot_panel_members: LotPanelMembersTable;
  panel_declarations: PanelDeclarationsTable;
  bid_scores: BidScoresTable;
  panel_submissions: PanelSubmissionsTable;
  evaluation_reports: EvaluationReportsTable;
  awards: AwardsTable;
  award_demands: AwardDemandsTable;
  objections: ObjectionsTable;
  contracts: ContractsTable;
  notifications: NotificationsTable;
}

// Delivery and payment (migration 202611281200).


export interface EnrolmentsTable {
  id: string;
  contract_id: string;
  demand_id: string;
  trainee_id: string;
  status: EnrolmentStatus;
  status_reason: string | null;
  replaces_enrolment_id: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  /** null while in training. */
  progress: TraineeProgress | null;
  progress_reason: string | null;
  assessment_passed: number | null;
  certificate_number: string | null;
  level_reached: number | null;
  /** A date (yyyy-MM-dd, Shanghai). */
  certified_on: string | null;
  result_recorded_at: string | null;
  result_recorded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CourseSessionsTable {
  id: string;
  contract_id: string;
  starts_at: string;
  planned_minutes: number;
  topic: string;
  created_by: string;
  created_at: string;
}

export interface AttendanceTable {
  session_id: string;
  enrolment_id: string;
  attended_minutes: number;
  recorded_by: string;
  recorded_at: string;
}

export interface RatingsTable {
  contract_id: string;
  enterprise_id: string;
  score: number;
  comment: string;
  rated_by: string;
  rated_at: string;
}

export interface PayoutAccountsTable {
  organisation_id: string;
  account_id: string;
  mode: "stripe" | "offline";
  can_receive: Generated<number>;
  details_submitted: Generated<number>;
  requirements: string | null;
  status_as_of: Generated<number>;
  created_at: string;
  updated_at: string;
}


export interface MilestonesTable {
  id: string;
  contract_id: string;
  kind: MilestoneKind;
  number: number;
  trainee_count: number;
  amount_fen: number;
  basis_json: string;
  status: MilestoneStatus;
  requested_at: string;
  requested_by: string;
  decided_at: string | null;
  decided_by: string | null;
  refusal_reason: string | null;
  updated_at: string;
}

export interface MilestoneTraineesTable {
  enrolment_id: string;
  milestone_id: string;
  amount_fen: number;
}

export interface PaymentsTable {
  id: string;
  milestone_id: string;
  attempt: number;
  idempotency_key: string;
  mode: "stripe" | "offline";
  destination: string;
  amount_fen: number;
  status: PaymentStatus;
  transfer_id: string | null;
  failure_reason: string | null;
  created_by: string | null;
  created_at: string;
  sent_at: string | null;
  settled_at: string | null;
  updated_at: string;
}

export interface StripeEventsTable {
  id: string;
  type: string;
  object_id: string | null;
  created: number;
  received_at: string;
  outcome: string;
}

export interface DB {
  enrolments: EnrolmentsTable;
  course_sessions: CourseSessionsTable;
  attendance: AttendanceTable;
  ratings: RatingsTable;
  payout_accounts: PayoutAccountsTable;
  milestones: MilestonesTable;
  milestone_trainees: MilestoneTraineesTable;
  payments: PaymentsTable;
  stripe_events: StripeEventsTable;
}
