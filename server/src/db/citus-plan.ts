/**
 * The distribution plan for Citus (issue 19, "Citus on paper") and the known blockers of it.
 *
 * Nothing runs on Citus yet: this file is the plan, in one place. `citus-readiness.test.ts` reads
 * the migrated database's catalogue (every table, unique index, foreign key, trigger) and the
 * server's code (row locks, recursive CTEs), checks them against this plan, and fails when it
 * finds a blocker not listed below or when a listed one has gone; docs/ARCHITECTURE.md
 * ("Distribution plan (Citus)") shows the same plan and the test checks that it agrees.
 *
 * The rules applied (Citus, hash distribution): a distributed table's primary key and unique
 * indexes must contain its distribution column, which must be NOT NULL and is never updated; a
 * foreign key between distributed tables must map the referencing table's distribution column to
 * the referenced table's (both in one co-location group); a reference table may not point at a
 * distributed one; `SELECT … FOR UPDATE/SHARE` on a distributed table runs only when it is routed
 * to one shard (filtered by the distribution column to one value); recursive CTEs only within one
 * shard; triggers on distributed tables need `citus.enable_unsafe_triggers` and run on the shards.
 */

/** A small table copied to every node: joined with everything, written rarely. */
export interface ReferencePlacement {
  kind: "reference";
}
/**
 * A hash-distributed table: `by` is its distribution column; `family` names the value the key
 * holds (a person's id, a user's, a unit's…): tables of one family keep the rows of one key value
 * on one shard, so their joins and foreign keys on it stay there. Every uuid-keyed table is in
 * Citus's default co-location group (same type, same shard count), so equal values meet on one
 * shard across families too.
 */
export interface DistributedPlacement {
  kind: "distributed";
  by: string;
  family: string;
}
export type Placement = ReferencePlacement | DistributedPlacement;

const reference: ReferencePlacement = { kind: "reference" };
const by = (column: string, family: string): DistributedPlacement => ({
  kind: "distributed",
  by: column,
  family,
});

/**
 * Every table of the `public` schema, and where it goes. Keys are high-cardinality ids (a person,
 * a user, a unit, a request, a record), never the province (34 values: hot shards, STACK-NOTES).
 * People are keyed by their own id, not their unit: a transfer or a merge rewrites `unit_id`, and
 * Citus never updates a distribution column. Likewise reports by their request (a merge passes a
 * report to the successor unit).
 */
export const citusPlan: Record<string, Placement> = {
  // The unit tree and its lookups, and what is published down the tree (one row per issuing unit
  // and year, or a catalogue): small, read by every subtree query, joined to everything.
  units: reference,
  unit_kinds: reference,
  unit_events: reference,
  campaign_fields: reference,
  commendation_forms: reference,
  figure_source_versions: reference,
  topics: reference,
  standards: reference,
  standard_versions: reference,
  library_documents: reference,
  library_versions: reference,
  commitment_templates: reference,
  reminder_settings: reference,
  daily_runs: reference,
  year_closures: reference,
  report_schedules: reference,
  report_requests: reference,

  // A member's records: their commitments, ratings and moves stay on their shard.
  people: by("id", "person"),
  person_transfers: by("person_id", "person"),
  commitments: by("person_id", "person"),
  ratings: by("person_id", "person"),
  rating_corrections: by("person_id", "person"),

  // An account's records: sessions, tokens, the bell, receipts.
  users: by("id", "user"),
  sessions: by("user_id", "user"),
  api_tokens: by("user_id", "user"),
  notifications: by("user_id", "user"),
  notification_deliveries: by("user_id", "user"),
  reminder_sends: by("user_id", "user"),
  library_reads: by("user_id", "user"),
  standard_confirmations: by("user_id", "user"),

  // A unit's own rows: figures by day, the upper levels' buckets, its numbering, a cell's sheet.
  unit_figures: by("unit_id", "unit"),
  subtree_figures: by("unit_id", "unit"),
  document_numbers: by("unit_id", "unit"),
  rating_sheets: by("unit_id", "unit"),

  // A report request's reports and its completeness counters.
  reports: by("request_id", "request"),
  report_versions: by("request_id", "request"),
  report_counts: by("request_id", "request"),
  report_sums: by("request_id", "request"),

  // Records reviewed up the chain or shared across the tree: keyed by their own id, their parts
  // by the record's id.
  practices: by("id", "practice"),
  adoptions: by("practice_id", "practice"),
  review_steps: by("subject_id", "practice"),
  exemplars: by("id", "exemplar"),
  exemplar_practices: by("exemplar_id", "exemplar"),
  booklets: by("id", "booklet"),
  booklet_items: by("booklet_id", "booklet"),
  plans: by("id", "plan"),
  plan_objectives: by("plan_id", "plan"),
  plan_tasks: by("plan_id", "plan"),
  commendation_proposals: by("id", "proposal"),
  commendation_proposal_recipients: by("proposal_id", "proposal"),
  commendation_steps: by("subject_id", "proposal"),
  commendation_decisions: by("id", "decision"),
  commendation_decision_recipients: by("decision_id", "decision"),
  study_sessions: by("id", "session"),
  study_attendance: by("session_id", "session"),

  // Alone: reached by their id (files, jobs) or append-only (the audit log).
  stored_files: by("id", "file"),
  jobs: by("id", "job"),
  job_commits: by("job_id", "job"),
  audit_log: by("id", "audit"),
  login_throttles: by("key", "throttle"),
};

/** A finding the test expects: its id (as the test prints it), why it blocks, what distribution needs. */
export interface KnownBlocker {
  id: string;
  why: string;
  need: string;
}

const PK_BY_ID =
  "its primary key is (id) alone, and the table is distributed by another column; rows are found by id (routes, updates, foreign keys)";
/** Primary keys on `id` of tables distributed by another column. */
const idKeys = (need: string, ...tables: string[]): KnownBlocker[] =>
  tables.map((table) => ({ id: `unique ${table}.${table}_pkey`, why: PK_BY_ID, need }));

/**
 * What blocks the plan today, from the catalogue and the code (ids as the test prints them). A new
 * unique index, foreign key, trigger, row lock or recursive CTE that Citus would refuse under the
 * plan makes the test fail until it is listed here (or, better, shaped to fit).
 */
export const knownBlockers: KnownBlocker[] = [
  // ── Keys without the distribution column ──────────────────────────────────────────────────
  ...idKeys(
    "primary key (person_id, id); a lookup by id alone becomes an index probe on every shard, unless it carries the person",
    "commitments",
    "ratings",
    "person_transfers",
    "rating_corrections",
  ),
  ...idKeys(
    "primary key (user_id, id); the bell and the reminders are read per user already (sessions and tokens: see their hash keys)",
    "sessions",
    "api_tokens",
    "notifications",
    "notification_deliveries",
    "reminder_sends",
  ),
  ...idKeys(
    "primary key (request_id, id); a report's routes carry or look up its request",
    "reports",
    "report_versions",
  ),
  ...idKeys("primary key (practice_id, id)", "adoptions"),
  ...idKeys("primary key (subject_id, id)", "review_steps", "commendation_steps"),
  ...idKeys("primary key (plan_id, id)", "plan_objectives", "plan_tasks"),
  ...idKeys("primary key (proposal_id, id)", "commendation_proposal_recipients"),
  ...idKeys("primary key (decision_id, id)", "commendation_decision_recipients"),
  {
    id: "unique sessions.sessions_token_hash_key",
    why: "a session is found by its token's hash alone (the auth gate, every request)",
    need: "the cookie carries the user id beside the token (unique (user_id, token_hash)), or a reference/lookup table from hash to user",
  },
  {
    id: "unique api_tokens.api_tokens_hash_key",
    why: "a bearer token is found by its hash alone",
    need: "the token's prefix encodes the user id (unique (user_id, token_hash)); or api_tokens becomes a reference table (few rows) without its FK to users",
  },
  {
    id: "unique users.users_username_key",
    why: "usernames are unique across the country and a login finds the account by name",
    need: "a username → user id table distributed by username (written with the account), unique there",
  },
  {
    id: "unique users.users_person_id_key",
    why: "at most one account per person, checked across all accounts",
    need: "the rule kept in a person → account column on people (person family), or a table distributed by person_id",
  },
  {
    id: "unique plans.plans_number_key",
    why: "a unit's plan numbers are unique per term, across plans keyed by their own id",
    need: "drop it: document_numbers (by unit_id) already hands out each number once under a row lock",
  },
  {
    id: "unique plans.plans_derived_key",
    why: "one derived plan per unit and parent plan, across plans keyed by their own id",
    need: "checked in the deriving command under the parent plan's row lock, or plans distributed by unit_id (plans never change unit)",
  },
  {
    id: "unique commendation_decisions.commendation_decisions_number_key",
    why: "decision numbers are unique per unit and term, across decisions keyed by their own id",
    need: "drop it: document_numbers (by unit_id) already hands out each number once under a row lock",
  },
  {
    id: "unique commendation_decisions.commendation_decisions_corrects_key",
    why: "one correction per decision: the correction and the corrected decision have different ids",
    need: "kept by the correcting command's row lock on the corrected decision (it already takes it), the index dropped",
  },

  // ── Columns the plan needs ────────────────────────────────────────────────────────────────
  {
    id: "column rating_corrections.person_id missing",
    why: "a correction points at its rating only",
    need: "add person_id (from the rating), foreign key (person_id, rating_id) → ratings (person_id, id)",
  },
  {
    id: "column notification_deliveries.user_id missing",
    why: "a delivery points at its notification only",
    need: "add user_id (the notification's), foreign key (user_id, notification_id) → notifications (user_id, id)",
  },
  {
    id: "column report_versions.request_id missing",
    why: "a version points at its report only",
    need: "add request_id (the report's), foreign key (request_id, report_id) → reports (request_id, id)",
  },

  // ── Foreign keys that do not follow the distribution columns ──────────────────────────────
  {
    id: "fk rating_corrections.rating_corrections_rating_id_ratings_id_fk",
    why: "ratings are distributed by person_id; the key is (rating_id) → ratings (id)",
    need: "(person_id, rating_id) → ratings (person_id, id) once both keys include person_id",
  },
  {
    id: "fk notification_deliveries.notification_deliveries_notification_id_notifications_id_fk",
    why: "notifications are distributed by user_id; the key is (notification_id) → notifications (id)",
    need: "(user_id, notification_id) → notifications (user_id, id)",
  },
  {
    id: "fk report_versions.report_versions_report_id_reports_id_fk",
    why: "reports are distributed by request_id; the key is (report_id) → reports (id)",
    need: "(request_id, report_id) → reports (request_id, id)",
  },
  ...[
    "commendation_decision_recipients.commendation_decision_recipients_person_id_people_id_fk",
    "commendation_proposal_recipients.commendation_proposal_recipients_person_id_people_id_fk",
    "exemplars.exemplars_person_id_people_id_fk",
    "practices.practices_person_id_people_id_fk",
    "study_attendance.study_attendance_person_id_people_id_fk",
  ].map((key) => ({
    id: `fk ${key}`,
    why: "a record of another family points at a person: the person's row is on another shard",
    need: "drop the foreign key (people are never deleted, only marked); the commands check the person in scope already",
  })),
  ...[
    "booklet_items.booklet_items_practice_id_practices_id_fk",
    "exemplar_practices.exemplar_practices_practice_id_practices_id_fk",
  ].map((key) => ({
    id: `fk ${key}`,
    why: "a booklet's or an exemplar's link points at a model on another shard",
    need: "drop the foreign key (models are never deleted once recognised; the commands check them)",
  })),
  ...[
    "plans.plans_parent_plan_id_plans_id_fk",
    "plan_objectives.plan_objectives_inherited_from_id_plan_objectives_id_fk",
    "plan_tasks.plan_tasks_inherited_from_id_plan_tasks_id_fk",
  ].map((key) => ({
    id: `fk ${key}`,
    why: "a derived plan (its objectives, tasks) points at its parent plan's, which is another plan: another shard",
    need: "drop the foreign key (issued plans are never deleted; derivation checks the parent plan in the command)",
  })),
  ...[
    "commendation_decisions.commendation_decisions_proposal_id_commendation_proposals_id_fk",
    "commendation_decisions.commendation_decisions_corrects_id_commendation_decisions_id_fk",
    "commendation_decisions.commendation_decisions_corrected_by_id_commendation_decisions_i",
    "commendation_decision_recipients.commendation_decision_recipients_proposal_recipient_id_commenda",
  ].map((key) => ({
    id: `fk ${key}`,
    why: "a decision points at its proposal (or the decision it corrects), another record on another shard",
    need: "drop the foreign key (both are immutable once issued or approved); or key decisions by their proposal",
  })),
  {
    id: "fk library_versions.library_versions_file_id_stored_files_id_fk",
    why: "a reference table (library_versions) may not point at a distributed one (stored_files)",
    need: "drop the foreign key (files are removed only with their owner), or keep library files in a reference table of their own",
  },

  // ── Triggers ──────────────────────────────────────────────────────────────────────────────
  {
    id: "trigger people.people_levels",
    why: "a row trigger on a distributed table (fills level1_id/level2_id from units)",
    need: "set the levels in the commands that insert and transfer people (they know the unit's path), or run the trigger on the shards with citus.enable_unsafe_triggers (it reads only units, a reference table)",
  },
  {
    id: "trigger units.units_people_levels",
    why: "a trigger on the reference table units that updates people (distributed) when a subtree moves",
    need: "the move command updates people's levels itself (it already calls the modules' subtreeMoved hooks)",
  },

  // ── Queries ───────────────────────────────────────────────────────────────────────────────
  {
    id: "query features/users/commands/create-accounts-for-people.ts: for update ×1",
    why: "locks up to 1,000 people by id at once: a multi-shard FOR UPDATE, which Citus refuses",
    need: "lock one person at a time (router queries) or rely on the unique person → account rule",
  },
  {
    id: "query features/topics/commands/shared.ts: for no key update ×1",
    why: "lockPeople locks the attendees of a session (many people) at once: a multi-shard row lock",
    need: "lock each person with its own router query (in id order, as now), or count first attendance from study_attendance keyed by person",
  },
  {
    id: "query features/notifications/deliver.ts: for update ×1",
    why: "the outbox claims due deliveries of every user (FOR UPDATE SKIP LOCKED across shards)",
    need: "claim through the job queue (pg-boss, issue 19) or run the claim per shard (run_command_on_shards), not one multi-shard statement",
  },
];

/**
 * Findings that Citus runs as they are: row locks routed to one shard (filtered by the
 * distribution column to one value) or on a reference table, and triggers on reference tables that
 * touch only reference tables. Listed so that a new one is looked at; the test fails when these
 * and the database or the code disagree.
 */
export const reviewed: KnownBlocker[] = [
  ...["insert", "update", "delete"].map((event) => ({
    id: `trigger units.units_child_count_${event}`,
    why: "keeps units.child_count: a trigger on a reference table that writes only that table",
    need: "nothing (to confirm on a Citus cluster: triggers on reference tables)",
  })),
  {
    id: "query features/plans/commands/issue-plan.ts: for update ×1",
    why: "plans where id = $1: one shard",
    need: "nothing",
  },
  {
    id: "query features/users/commands/create-user.ts: for update ×1",
    why: "people where id = $1: one shard",
    need: "nothing",
  },
  {
    id: "query features/commendations/commands/issue-decision.ts: for update ×2",
    why: "commendation_decisions where id = $1 (the decision, then the one it corrects): one shard each",
    need: "nothing",
  },
  {
    id: "query features/commendations/commands/correct-decision.ts: for update ×1",
    why: "commendation_decisions where id = $1: one shard",
    need: "nothing",
  },
  {
    id: "query features/commitments/commands/rating-rows.ts: for update ×1",
    why: "rating_sheets where unit_id = $1 and year = $2: one shard",
    need: "nothing",
  },
  {
    id: "query features/recognition/workflow.ts: for update ×1",
    why: "practices or exemplars where id = $1: one shard",
    need: "nothing",
  },
  {
    id: "query features/units/commands/import-units.ts: for share ×1",
    why: "units (a reference table)",
    need: "nothing (to confirm on a Citus cluster: row locks on reference tables lock every placement)",
  },
  {
    id: "query features/standards/commands.ts: for share ×1",
    why: "standards (a reference table)",
    need: "nothing (as above)",
  },
  {
    id: "query features/library/commands.ts: for no key update ×1",
    why: "library_documents (a reference table)",
    need: "nothing (as above)",
  },
];
