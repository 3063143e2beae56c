import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Every table the app uses. Points are integers in tenths (7.5 points = 75) so totals never drift.
 * Timestamps are ISO-8601 UTC strings and calendar dates are "YYYY-MM-DD" strings: the same on SQLite and PostgreSQL.
 * Booleans are 0/1 integers for the same reason.
 */
export interface Database {
  institutions: InstitutionTable;
  departments: DepartmentTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  rubric_editions: RubricEditionTable;
  edition_indicators: EditionIndicatorTable;
  rounds: RoundTable;
  assignments: AssignmentTable;
  responses: ResponseTable;
  evidence: EvidenceTable;
  certifications: CertificationTable;
  audit_events: AuditEventTable;
  notice_reads: NoticeReadTable;
  action_items: ActionItemTable;
  comments: CommentTable;
  review_stages: ReviewStageTable;
  cross_review_grants: CrossReviewGrantTable;
  registry_settings: RegistrySettingTable;
  renewal_plans: RenewalPlanTable;
  audit_checkpoints: AuditCheckpointTable;
  certification_proposals: CertificationProposalTable;
  edition_drafts: EditionDraftTable;
  library_files: LibraryFileTable;
  plan_efforts: PlanEffortTable;
  report_signoffs: ReportSignoffTable;
  mail_outbox: MailOutboxTable;
  grade_peers: GradePeerTable;
  round_grades: RoundGradeTable;
  round_publications: RoundPublicationTable;
  happy_office_stages: HappyOfficeStageTable;
  mystery_visits: MysteryVisitTable;
}

export type InstitutionType = "sido" | "sigungu" | "central";
export type InstitutionLevel = "광역" | "기초" | "중앙";

export interface InstitutionTable {
  id: Generated<number>;
  /** Stable short key, e.g. "seoul-seodaemun". */
  code: string;
  name: string;
  /** 시·도 name the institution belongs to, e.g. "서울특별시". */
  region: string;
  type: InstitutionType;
  active: Generated<number>;
  created_at: string;
}

export interface DepartmentTable {
  id: Generated<number>;
  institution_id: number;
  name: string;
  /** 1 for the department that runs the self-assessment (e.g. 민원여권과). */
  is_lead: Generated<number>;
  active: Generated<number>;
  sort_order: Generated<number>;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  is_system_admin: Generated<number>;
  active: Generated<number>;
  must_change_password: Generated<number>;
  locale: Generated<string>;
  created_at: string;
  updated_at: string;
  /** 1 when the user asked for no mail (in-app notices stay). */
  mail_opt_out: Generated<number>;
}

export type Role = "coordinator" | "department_member" | "auditor";

export interface MembershipTable {
  id: Generated<number>;
  user_id: number;
  institution_id: number;
  role: Role;
  department_id: number | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the random token held in the cookie: a database leak does not leak live sessions. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string;
  succeeded: number;
  at: string;
}

export type EditionSource = "shipped" | "imported" | "edited";

export interface RubricEditionTable {
  id: string;
  year: number;
  institution_type: InstitutionType;
  title: string;
  source: EditionSource;
  reconstruction: number;
  /** The whole validated edition as JSON text; rows are never updated once a round uses them. */
  content: string;
  content_hash: string;
  total_tenths: number;
  indicator_count: number;
  supersedes: string | null;
  superseded_by: string | null;
  imported_by: number | null;
  created_at: string;
}

export interface EditionIndicatorTable {
  edition_id: string;
  code: string;
  area_code: string;
  item_code: string;
  title: string;
  max_tenths: number;
  scoring_kind: string;
  owner_department: string;
  /** Comma-joined tags with leading and trailing commas (",bsc,joint-evaluation,") for portable LIKE filters. */
  tags: string;
  sort_order: number;
}

export type RoundState = "draft" | "open" | "submitted" | "under_review" | "concluded";

export interface RoundTable {
  id: Generated<number>;
  institution_id: number;
  edition_id: string;
  year: number;
  title: string;
  state: RoundState;
  /** Submission deadline, ISO UTC (entered and shown in Asia/Seoul). */
  deadline_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** A hand-in after the deadline: `accept` (marked 기한 후 제출) or `refuse` (migration 0013). */
  late_policy: Generated<LatePolicy>;
}

export type LatePolicy = "accept" | "refuse";

export type AssignmentRole = "lead" | "support";

export interface AssignmentTable {
  id: Generated<number>;
  round_id: number;
  indicator_code: string;
  department_id: number;
  role: AssignmentRole;
  created_at: string;
}

export type ResponseStatus = "not_started" | "draft" | "submitted" | "returned" | "approved";

export interface ResponseTable {
  id: Generated<number>;
  round_id: number;
  indicator_code: string;
  status: ResponseStatus;
  /** 1 implemented, 0 not implemented (미시행), null not yet assessed (미평가). */
  implemented: number | null;
  /** The scoring inputs as JSON: {"yes":true} | {"level":"A"} | {"inputs":{"legalDays":…}}. */
  answer: string | null;
  self_tenths: number | null;
  reviewed_tenths: number | null;
  narrative: string | null;
  carried_over: Generated<number>;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: string;
  submitted_at: string | null;
  /** Why the reviewed score differs from the self score (required for an adjustment). */
  review_reason: Generated<string | null>;
  reviewed_by: Generated<number | null>;
  reviewed_at: Generated<string | null>;
}

export type EvidenceKind = "file" | "link" | "note";

export interface EvidenceTable {
  id: Generated<number>;
  response_id: number;
  kind: EvidenceKind;
  title: string;
  url: string | null;
  note: string | null;
  file_sha256: string | null;
  file_name: string | null;
  file_mime: string | null;
  file_size: number | null;
  created_by: number;
  created_at: string;
  deleted_at: string | null;
  deleted_by: number | null;
  /** The department library file this evidence links (migration 0012); null for links, notes and older files. */
  library_file_id: Generated<number | null>;
}

/** A department's evidence file, stored once by content and linked to indicators by evidence rows (migration 0012). */
export interface LibraryFileTable {
  id: Generated<number>;
  institution_id: number;
  department_id: number;
  sha256: string;
  title: string;
  file_name: string;
  file_mime: string;
  file_size: number;
  created_by: number;
  created_at: string;
}

export type ActionStatus = "open" | "in_progress" | "done" | "dropped";

/** Who must act on a gap (an indicator below full points), by when, and how far they are. */
export interface ActionItemTable {
  id: Generated<number>;
  round_id: number;
  indicator_code: string;
  department_id: number;
  /** YYYY-MM-DD (Asia/Seoul) or null. */
  due_date: string | null;
  status: ActionStatus;
  notes: string;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
  version: Generated<number>;
}

export type CommentKind = "comment" | "return" | "adjust";

export interface CommentTable {
  id: Generated<number>;
  round_id: number;
  indicator_code: string;
  parent_id: number | null;
  author_user_id: number;
  kind: CommentKind;
  body: string;
  created_at: string;
}

export type ReviewStage = "document" | "cross" | "site" | "committee";
export type CommitteeDecision = "certified" | "not_certified";

export interface ReviewStageTable {
  id: Generated<number>;
  round_id: number;
  stage: ReviewStage;
  held_on: string;
  notes: string;
  decision: CommitteeDecision | null;
  recorded_by: number;
  reviewer_institution_id: number | null;
  recorded_at: string;
  /** A mistaken entry is voided with a reason (shown struck through), never edited or deleted. */
  voided_at: Generated<string | null>;
  voided_by: Generated<number | null>;
  void_reason: Generated<string | null>;
}

/** A signed head of the audit chain (Ed25519 over seq, hash, time and key id); see docs/decisions/024. */
export interface AuditCheckpointTable {
  id: Generated<number>;
  seq: number;
  hash: string;
  signed_at: string;
  key_id: string;
  signature: string;
  reason: string;
}

export type ProposalStatus = "proposed" | "confirmed" | "withdrawn";

/** A certification a committee decision proposes; the Ministry (admin) confirms it into the registry. */
export interface CertificationProposalTable {
  id: Generated<number>;
  round_id: number;
  institution_id: number;
  review_stage_id: number;
  award_date: string;
  score_tenths: number | null;
  status: ProposalStatus;
  proposed_by: number;
  proposed_at: string;
  decided_by: number | null;
  decided_at: string | null;
  certification_id: number | null;
}

export interface CrossReviewGrantTable {
  id: Generated<number>;
  round_id: number;
  reviewer_institution_id: number;
  granted_by: number;
  granted_at: string;
  revoked_by: number | null;
  revoked_at: string | null;
}

export type CertificationKind = "initial" | "renewal";

export interface CertificationTable {
  id: Generated<number>;
  institution_id: number;
  /** Award date (인증서 수여일), YYYY-MM-DD in Asia/Seoul. */
  award_date: string;
  kind: CertificationKind;
  score_tenths: number | null;
  round_id: number | null;
  revoked_at: string | null;
  revoked_reason: string | null;
  note: string | null;
  created_at: string;
  /** Which certification: the 민원서비스 우수기관 인증 (2012–2015) or the 국민행복민원실 인증 (migration 0013). */
  scheme: Generated<CertificationScheme>;
  /** The 국민행복민원실 plaque: 은판 (silver) when new, 금판 (gold) when re-certified; null for the 인증. */
  plaque: CertificationPlaque | null;
}

export type CertificationScheme = "certification" | "happy-office";
export type CertificationPlaque = "silver" | "gold";

export interface AuditEventTable {
  id: Generated<number>;
  /** Position in the hash chain: 1, 2, 3 … unique, so two writers can never fork the chain. */
  seq: number;
  at: string;
  actor_user_id: number | null;
  institution_id: number | null;
  round_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** Which in-app notices a person has dismissed (the notices themselves are derived from the round). */
export interface NoticeReadTable {
  id: Generated<number>;
  user_id: number;
  notice_key: string;
  read_at: string;
}

export type Institution = Selectable<InstitutionTable>;
export type Department = Selectable<DepartmentTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Membership = Selectable<MembershipTable>;
export type Round = Selectable<RoundTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type AuditEvent = Selectable<AuditEventTable>;

/** Registry rules the system administrator sets (migration 0005): one JSON value per key. */
export interface RegistrySettingTable {
  key: string;
  value: string;
  updated_by: number | null;
  updated_at: string;
}
/** The renewal round planned from a certification (migration 0005). */
export interface RenewalPlanTable {
  id: Generated<number>;
  institution_id: number;
  certification_id: number;
  round_id: number;
  year: number;
  self_diagnosis_from: string;
  self_diagnosis_until: string;
  deadline_at: string;
  review_from: string;
  review_until: string;
  award_month: string;
  created_by: number | null;
  created_at: string;
}
/** An edition being edited by an administrator; published once, then read-only. */
export interface EditionDraftTable {
  id: Generated<number>;
  base_edition_id: string;
  /** The id the edition gets when published. */
  edition_id: string;
  /** The whole edition as JSON; its structure is valid, its sums may not yet balance. */
  content: string;
  /** Raised by every save; a save naming an older version is refused (409). */
  version: number;
  created_by: number;
  created_at: string;
  updated_by: number;
  updated_at: string;
  published_at: string | null;
}

/** The planner's effort weight for a gap kind ("kind:partial") or one indicator ("indicator:1.2.03") in a round. */
export interface PlanEffortTable {
  id: Generated<number>;
  round_id: number;
  subject: string;
  effort: number;
  updated_by: number | null;
  updated_at: string;
}

/** The report's 결재 fields for a round. */
export interface ReportSignoffTable {
  id: Generated<number>;
  round_id: number;
  document_number: Generated<string>;
  /** YYYY-MM-DD (Asia/Seoul) or null. */
  effective_date: string | null;
  drafter: Generated<string>;
  reviewer: Generated<string>;
  approver: Generated<string>;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: string;
}

/**
 * One thing to tell one person by mail; the unique dedupe key makes each go out once across server processes. Rows of
 * one person and kind claimed together are sent as one message.
 */
export interface MailOutboxTable {
  id: Generated<number>;
  dedupe_key: string;
  kind: string;
  user_id: number;
  /** What the message is about, as JSON; the text is written when it is sent, in the person's language. */
  payload: string;
  created_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  attempts: Generated<number>;
  last_error: string | null;
}

/** A peer institution's score a coordinator entered to estimate a relative grade (ADR 030); hundredths of a point. */
export interface GradePeerTable {
  id: Generated<number>;
  round_id: number;
  name: string;
  /** "total", or an item code of the round's edition. */
  part: string;
  score_hundredths: number;
  created_by: number;
  created_at: string;
}

/** The grade an institution received, overall ("total") and per item. */
export interface RoundGradeTable {
  round_id: number;
  part: string;
  grade: string;
  score_hundredths: number | null;
  recorded_by: number;
  recorded_at: string;
}

/** The duty to publish a 종합평가 result (시행령 제50조 ②③): notified, published, and until when. */
export interface RoundPublicationTable {
  round_id: number;
  notified_on: string | null;
  published_on: string | null;
  published_until: string | null;
  url: string | null;
  updated_by: number;
  updated_at: string;
}

/** A stage of a 국민행복민원실 cycle the coordinator recorded (migration 0014, ADR 037). */
export interface HappyOfficeStageTable {
  round_id: number;
  stage: "application" | "document" | "site" | "mystery" | "selection";
  on_date: string;
  /** Only for the selection. */
  outcome: "selected" | "not-selected" | null;
  note: string | null;
  /** The certificate a selection created. */
  certification_id: number | null;
  recorded_by: number;
  recorded_at: string;
}

/** One 체험평가 (mystery shopping) visit: what the evaluator posing as a citizen met, per criterion. */
export interface MysteryVisitTable {
  id: Generated<number>;
  round_id: number;
  visited_on: string;
  channel: "visit" | "phone" | "online";
  scenario: string;
  /** JSON object: criterion (item code) → what was observed. */
  observations: string;
  /** 0–100. */
  score: number | null;
  finding: string | null;
  follow_up: string | null;
  created_by: number;
  created_at: string;
}
