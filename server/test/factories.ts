// Test data built through the modules' real commands (their checks, figures and audit rows), one
// transaction each, as the routes and the demo seed make it. A section per module; each builder
// takes the database and what the test cares about, and makes up the rest.
import { and, eq } from "drizzle-orm";
import type { Db } from "../src/db/client.ts";
import { saveMyCommitment } from "../src/features/commitments/commands/save-my-commitment.ts";
import { saveRatings } from "../src/features/commitments/commands/save-ratings.ts";
import { type Grade, ratingSheets } from "../src/features/commitments/schema.ts";
import { createPeople } from "../src/features/people/commands/create-people.ts";
import type { PersonFields } from "../src/features/people/commands/shared.ts";
import { createStudySession } from "../src/features/topics/commands/create-study-session.ts";
import { createTopic } from "../src/features/topics/commands/create-topic.ts";
import { createUnit } from "../src/features/units/commands/create-unit.ts";
import { type UnitRow, units } from "../src/features/units/schema.ts";
import { users } from "../src/features/users/schema.ts";
import { systemCtx } from "../src/lib/auth/actor.ts";
import type { Role } from "../src/lib/auth/roles.ts";
import { hashPassword } from "../src/lib/auth/secrets.ts";

let counter = 0;
const next = () => ++counter;
const thisYear = () => Number(new Date().toISOString().slice(0, 4));

// ── The tree and its people (units, people) ──────────────────────────────────────────────────

/** A unit under `parent` (default: a new unit under the root, which it looks up). */
export async function buildUnit(db: Db, input: { parent?: UnitRow; name?: string } = {}): Promise<UnitRow> {
  const [root] = input.parent ? [] : await db.select().from(units).where(eq(units.depth, 0)).limit(1);
  const parent = input.parent ?? root;
  if (!parent) throw new Error("no root unit");
  return db.transaction((tx) =>
    createUnit({ tx, ctx: systemCtx(), name: input.name ?? `Đơn vị thử ${next()}`, parent }),
  );
}

/** An active member of `unit` (a cell), joined in 2010 unless told otherwise. */
export async function buildPerson(db: Db, input: { unit: UnitRow } & Partial<PersonFields>) {
  const { unit, ...fields } = input;
  const [person] = await db.transaction((tx) =>
    createPeople({
      tx,
      ctx: systemCtx(),
      unit,
      people: [{ fullName: `Nguyễn Văn Thử ${next()}`, gender: "male", joinedOn: "2010-05-19", ...fields }],
    }),
  );
  if (!person) throw new Error("no person");
  return person;
}

// ── Accounts (users) ─────────────────────────────────────────────────────────────────────────

/**
 * An account with a known password; its unit is created when not given. Written directly: the
 * users' command answers a one-time password to change at first login, which tests signing in skip.
 */
export async function buildUser(
  db: Db,
  input: {
    role?: Role;
    unit?: Pick<UnitRow, "id">;
    username?: string;
    password?: string;
    mustChangePassword?: boolean;
    active?: boolean;
  } = {},
) {
  const unit = input.unit ?? (await buildUnit(db));
  const password = input.password ?? `Pw-${next()}-abcdefgh`;
  const [row] = await db
    .insert(users)
    .values({
      username: input.username ?? `user${next()}.${Date.now() % 100000}`,
      displayName: `Người dùng thử ${counter}`,
      role: input.role ?? "member",
      unitId: unit.id,
      passwordHash: await hashPassword(password),
      mustChangePassword: input.mustChangePassword ?? false,
      active: input.active ?? true,
    })
    .returning();
  if (!row) throw new Error("no user");
  return { user: row, unit, password };
}

// ── Commitments and rating sheets (commitments) ──────────────────────────────────────────────

/** A member's draft commitment of a year (this year by default), written in their cell. */
export function buildCommitment(
  db: Db,
  input: { person: { id: string; unitId: string }; cell: UnitRow; year?: number },
) {
  return db.transaction((tx) =>
    saveMyCommitment({
      tx,
      ctx: systemCtx(),
      person: input.person,
      cell: input.cell,
      year: input.year ?? thisYear(),
      study: "Học chuyên đề năm.",
      actions: "Giữ gìn nếp sống giản dị.",
      targets: [{ text: "Giúp đỡ 2 hộ khó khăn" }],
    }),
  );
}

/** The cell's proposed grades of a year for the people listed (every one `grade`, "good" by default). */
export function buildRatingSheet(
  db: Db,
  input: { cell: UnitRow; personIds: string[]; year?: number; grade?: Grade },
) {
  const year = input.year ?? thisYear();
  return db.transaction(async (tx) => {
    const [sheet] = await tx
      .select({ version: ratingSheets.version })
      .from(ratingSheets)
      .where(and(eq(ratingSheets.unitId, input.cell.id), eq(ratingSheets.year, year)));
    return saveRatings({
      tx,
      ctx: systemCtx(),
      cell: input.cell,
      year,
      version: sheet?.version ?? 1,
      rows: input.personIds.map((personId) => ({ personId, grade: input.grade ?? "good" })),
    });
  });
}

// ── Topics and study sessions (topics) ───────────────────────────────────────────────────────

/** A unit's topic of a year (this year by default). */
export function buildTopic(db: Db, input: { unit: UnitRow; year?: number; title?: string }) {
  return db.transaction((tx) =>
    createTopic({
      tx,
      ctx: systemCtx(),
      unit: input.unit,
      year: input.year ?? thisYear(),
      title: input.title ?? `Chuyên đề thử ${next()}`,
      summary: "Tóm tắt chuyên đề.",
      links: [],
    }),
  );
}

/** A cell's study session of a topic, attended by the people listed. */
export function buildStudySession(
  db: Db,
  input: { unit: UnitRow; topicId: string; heldOn: string; personIds: string[] },
) {
  return db.transaction((tx) => createStudySession({ tx, ctx: systemCtx(), notes: "", ...input }));
}

// ── Good-practice models (practices): buildPractice ──────────────────────────────────────────

// ── Commendations (commendations): buildDecision ─────────────────────────────────────────────

// ── Reports (reports): buildReportRequest ────────────────────────────────────────────────────
