import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../lib/vietnamese.ts";
import { applyFigureDeltas, negate } from "../figures/index.ts";
import { people } from "../people/schema.ts";
import type { UnitRow } from "../units/schema.ts";
import { commitmentContributions, ratingContributions } from "./figures.ts";
import { isLocked } from "./queries.ts";
import {
  type CommitmentRow,
  type CommitmentTarget,
  commitments,
  commitmentTemplates,
  type Grade,
  type RatingRow,
  ratingCorrections,
  ratingSheets,
  ratings,
  yearClosures,
} from "./schema.ts";

const yearClosed = () =>
  new AppError("STATE_CONFLICT", {
    message: {
      vi: "Năm này đã khóa sổ: chỉ sửa được bằng một lần điều chỉnh có ghi lý do.",
      en: "This year is closed: only a recorded correction can change it.",
    },
  });
async function checkOpen(tx: Executor, unitPath: string, year: number) {
  if (await isLocked(tx, unitPath, year)) throw yearClosed();
}

const cleanTargets = (targets: CommitmentTarget[]) =>
  targets.map((t) => ({
    text: cleanText(t.text),
    ...(t.measure ? { measure: cleanText(t.measure) } : {}),
    ...(t.result ? { result: cleanMultiline(t.result) } : {}),
  }));

/** Figures follow a commitment's change: its contributions before and after, in the same transaction. */
async function refigure(tx: Executor, before: CommitmentRow | null, after: CommitmentRow) {
  await applyFigureDeltas(tx, [
    ...(before ? negate(commitmentContributions(before)) : []),
    ...commitmentContributions(after),
  ]);
}

/** A member writes (or rewrites) their yearly commitment while it is a draft. */
export async function saveMyCommitment(
  tx: Executor,
  ctx: Ctx,
  input: {
    person: { id: string; unitId: string };
    cell: UnitRow;
    year: number;
    study: string;
    actions: string;
    targets: CommitmentTarget[];
    version?: number | undefined;
  },
) {
  await checkOpen(tx, input.cell.path, input.year);
  const fields = {
    study: cleanMultiline(input.study),
    actions: cleanMultiline(input.actions),
    targets: cleanTargets(input.targets),
  };
  const [current] = await tx
    .select()
    .from(commitments)
    .where(and(eq(commitments.personId, input.person.id), eq(commitments.year, input.year)));
  if (!current) {
    const [row] = await tx
      .insert(commitments)
      .values({
        personId: input.person.id,
        unitId: input.cell.id,
        year: input.year,
        ...fields,
        createdBy: ctx.actor?.userId ?? null,
        updatedBy: ctx.actor?.userId ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("VERSION_CONFLICT"); // written at the same moment elsewhere
    await recordAudit(tx, ctx, {
      event: "commitment.create",
      entityId: row.id,
      unitId: row.unitId,
      before: null,
      after: row,
    });
    return row;
  }
  if (current.status !== "draft")
    throw new AppError("STATE_CONFLICT", {
      message: {
        vi: "Bản cam kết đã nộp: không sửa được nữa; hãy tự đánh giá giữa năm, cuối năm.",
        en: "The commitment was submitted: it can no longer be edited; assess it at mid-year and year end.",
      },
    });
  if (input.version === undefined || input.version !== current.version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  const [after] = await tx
    .update(commitments)
    .set({
      ...fields,
      version: sql`${commitments.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(
      and(
        eq(commitments.id, current.id),
        eq(commitments.version, current.version),
        eq(commitments.status, "draft"),
      ),
    )
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "commitment.update",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}

/** Submits a draft commitment to the cell. */
export async function submitCommitment(tx: Executor, ctx: Ctx, current: CommitmentRow, cellPath: string) {
  await checkOpen(tx, cellPath, current.year);
  const [after] = await tx
    .update(commitments)
    .set({
      status: "submitted",
      submittedAt: new Date(),
      version: sql`${commitments.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(commitments.id, current.id), eq(commitments.status, "draft")))
    .returning();
  if (!after) throw new AppError("STATE_CONFLICT");
  await refigure(tx, current, after);
  await recordAudit(tx, ctx, {
    event: "commitment.submit",
    entityId: after.id,
    unitId: after.unitId,
    before: { status: current.status },
    after: { status: after.status },
  });
  return after;
}

/** The member's own assessment at mid-year or at the year's end (with the targets' results). */
export async function assessCommitment(
  tx: Executor,
  ctx: Ctx,
  current: CommitmentRow,
  cellPath: string,
  input: { period: "mid" | "end"; text: string; results?: string[] | undefined; version: number },
) {
  await checkOpen(tx, cellPath, current.year);
  if (current.status === "draft")
    throw new AppError("STATE_CONFLICT", {
      message: {
        vi: "Hãy nộp bản cam kết trước khi tự đánh giá.",
        en: "Submit the commitment before assessing it.",
      },
    });
  const now = new Date();
  const targets =
    input.period === "end" && input.results
      ? current.targets.map((t, i) => ({
          ...t,
          ...(input.results?.[i] ? { result: cleanMultiline(input.results[i] ?? "") } : {}),
        }))
      : current.targets;
  const [after] = await tx
    .update(commitments)
    .set({
      ...(input.period === "mid"
        ? { midYearAssessment: cleanMultiline(input.text), midYearAt: now }
        : { yearEndAssessment: cleanMultiline(input.text), yearEndAt: now, targets }),
      version: sql`${commitments.version} + 1`,
      updatedAt: now,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(commitments.id, current.id), eq(commitments.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await refigure(tx, current, after);
  await recordAudit(tx, ctx, {
    event: "commitment.assess",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}

/** The secretary's review: a comment, and at the year's end the score (0–100) of its result. */
export async function reviewCommitment(
  tx: Executor,
  ctx: Ctx,
  current: CommitmentRow,
  cellPath: string,
  input: { comment?: string | null | undefined; score?: number | null | undefined; version: number },
) {
  await checkOpen(tx, cellPath, current.year);
  const [after] = await tx
    .update(commitments)
    .set({
      status: "reviewed",
      reviewComment: input.comment ? cleanMultiline(input.comment) : current.reviewComment,
      ...(input.score !== undefined ? { score: input.score } : {}),
      reviewedBy: ctx.actor?.userId ?? null,
      reviewedAt: new Date(),
      version: sql`${commitments.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(commitments.id, current.id),
        eq(commitments.version, input.version),
        inArray(commitments.status, ["submitted", "reviewed"]),
      ),
    )
    .returning();
  if (!after) {
    if (current.status === "draft") throw new AppError("STATE_CONFLICT");
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  }
  await refigure(tx, current, after);
  await recordAudit(tx, ctx, {
    event: "commitment.review",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}

export interface RatingInput {
  personId: string;
  grade: Grade;
  points?: number | null | undefined;
  reason?: string | null | undefined;
}

/**
 * Every problem of a sheet's rows at once (row = position in the request, 1-based): a person who
 * is not of the cell, twice on the sheet, points outside 0–100, `excellent` under 90 points when
 * points are recorded (Quy định 366: the grade is the cell's judgement, but excellent needs ≥ 90),
 * no reason for `incomplete`.
 */
function checkRows(rows: RatingInput[], members: Map<string, string>) {
  const problems: { row: number; personId: string; field: string; message: string }[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 1;
    const problem = (field: string, message: string) =>
      problems.push({ row, personId: r.personId, field, message });
    if (!members.has(r.personId)) problem("personId", "Không phải đảng viên của chi bộ này");
    const first = seen.get(r.personId);
    if (first) problem("personId", `Trùng với dòng ${first}`);
    else seen.set(r.personId, row);
    if (r.points !== null && r.points !== undefined && (r.points < 0 || r.points > 100))
      problem("points", "Điểm phải từ 0 đến 100");
    if (r.grade === "excellent" && r.points !== null && r.points !== undefined && r.points < 90)
      problem("grade", "Hoàn thành xuất sắc nhiệm vụ cần từ 90 điểm trở lên");
    if (r.grade === "incomplete" && !r.reason?.trim())
      problem("reason", "Cần ghi lý do khi xếp loại Không hoàn thành nhiệm vụ");
    if (r.reason && r.reason.length > 2000) problem("reason", "Lý do quá dài (tối đa 2.000 ký tự)");
  });
  return problems;
}
const rowsInvalid = (problems: ReturnType<typeof checkRows>) =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: "Có dòng xếp loại không hợp lệ: chưa lưu dòng nào. Hãy sửa các dòng được chỉ ra rồi lưu lại.",
      en: "Some rows are invalid: nothing was saved. Fix the rows listed and save again.",
    },
    details: { rows: problems },
  });

/** Takes the sheet for writing, guarded by the version read: 409 if it moved on or is confirmed. */
async function takeSheet(tx: Executor, cellId: string, year: number, version: number, allowed: string[]) {
  await tx.insert(ratingSheets).values({ unitId: cellId, year }).onConflictDoNothing();
  const [sheet] = await tx
    .select()
    .from(ratingSheets)
    .where(and(eq(ratingSheets.unitId, cellId), eq(ratingSheets.year, year)))
    .for("update");
  if (!sheet) throw new Error("no sheet");
  if (!allowed.includes(sheet.status))
    throw new AppError("STATE_CONFLICT", {
      message:
        sheet.status === "confirmed"
          ? {
              vi: "Cấp ủy cơ sở đã xác nhận xếp loại của chi bộ.",
              en: "The grades were already confirmed above.",
            }
          : { vi: "Chi bộ chưa đề xuất đủ xếp loại.", en: "The cell has not proposed every grade yet." },
    });
  if (sheet.version !== version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: sheet.version } });
  return sheet;
}

/**
 * The cell's proposals for the whole cell in one transaction: every row checked first (any
 * problem → 422 naming the rows, nothing stored), the sheet's version guarded (409), each member's
 * rating written, figures and audit; the sheet is "proposed" once every active member has a grade.
 */
export async function saveRatings(
  tx: Executor,
  ctx: Ctx,
  input: { cell: UnitRow; year: number; version: number; rows: RatingInput[] },
) {
  await checkOpen(tx, input.cell.path, input.year);
  const active = await tx
    .select({ id: people.id, fullName: people.fullName })
    .from(people)
    .where(and(eq(people.unitId, input.cell.id), eq(people.status, "active")));
  const members = new Map(active.map((p) => [p.id, p.fullName]));
  const problems = checkRows(input.rows, members);
  if (problems.length) throw rowsInvalid(problems);
  const sheet = await takeSheet(tx, input.cell.id, input.year, input.version, ["open", "proposed"]);
  const ids = input.rows.map((r) => r.personId);
  const before = ids.length
    ? await tx
        .select()
        .from(ratings)
        .where(and(eq(ratings.year, input.year), inArray(ratings.personId, ids)))
    : [];
  const now = new Date();
  const after: RatingRow[] = [];
  for (let i = 0; i < input.rows.length; i += 500) {
    const chunk = input.rows.slice(i, i + 500);
    after.push(
      ...(await tx
        .insert(ratings)
        .values(
          chunk.map((r) => ({
            personId: r.personId,
            unitId: input.cell.id,
            year: input.year,
            proposedGrade: r.grade,
            proposedPoints: r.points ?? null,
            proposedReason: r.reason ? cleanMultiline(r.reason) : null,
            createdBy: ctx.actor?.userId ?? null,
            updatedBy: ctx.actor?.userId ?? null,
          })),
        )
        .onConflictDoUpdate({
          target: [ratings.personId, ratings.year],
          set: {
            unitId: input.cell.id,
            proposedGrade: sql`excluded.proposed_grade`,
            proposedPoints: sql`excluded.proposed_points`,
            proposedReason: sql`excluded.proposed_reason`,
            version: sql`${ratings.version} + 1`,
            updatedAt: now,
            updatedBy: ctx.actor?.userId ?? null,
          },
        })
        .returning()),
    );
  }
  const rated = new Set(
    (
      await tx
        .select({ personId: ratings.personId })
        .from(ratings)
        .where(and(eq(ratings.unitId, input.cell.id), eq(ratings.year, input.year)))
    ).map((r) => r.personId),
  );
  const complete = [...members.keys()].every((id) => rated.has(id));
  const [updated] = await tx
    .update(ratingSheets)
    .set({
      version: sql`${ratingSheets.version} + 1`,
      status: complete ? "proposed" : "open",
      ...(complete ? { proposedAt: now, proposedBy: ctx.actor?.userId ?? null } : {}),
    })
    .where(and(eq(ratingSheets.unitId, input.cell.id), eq(ratingSheets.year, input.year)))
    .returning();
  await applyFigureDeltas(tx, [
    ...before.flatMap((r) => negate(ratingContributions(r))),
    ...after.flatMap(ratingContributions),
  ]);
  await recordAudit(tx, ctx, {
    event: "rating.propose",
    entityId: input.cell.id,
    unitId: input.cell.id,
    before: { version: sheet.version, status: sheet.status },
    after: { version: updated?.version, status: updated?.status, rows: input.rows.length },
  });
  return updated;
}

/**
 * The grassroots committee above confirms the cell's proposals, changing some (each change with
 * a reason): final grades for every rated member, the sheet "confirmed".
 */
export async function confirmRatings(
  tx: Executor,
  ctx: Ctx,
  input: { cell: UnitRow; year: number; version: number; changes: RatingInput[] },
) {
  await checkOpen(tx, input.cell.path, input.year);
  const rows = await tx
    .select()
    .from(ratings)
    .where(and(eq(ratings.unitId, input.cell.id), eq(ratings.year, input.year)));
  const members = new Map(rows.map((r) => [r.personId, r.personId]));
  const problems = checkRows(input.changes, members);
  input.changes.forEach((c, i) => {
    if (!c.reason?.trim())
      problems.push({
        row: i + 1,
        personId: c.personId,
        field: "reason",
        message: "Cần ghi lý do khi thay đổi xếp loại",
      });
  });
  if (problems.length) throw rowsInvalid(problems);
  await takeSheet(tx, input.cell.id, input.year, input.version, ["proposed"]);
  const changes = new Map(input.changes.map((c) => [c.personId, c]));
  const now = new Date();
  const after: RatingRow[] = [];
  for (const r of rows) {
    const change = changes.get(r.personId);
    const [updated] = await tx
      .update(ratings)
      .set({
        finalGrade: change?.grade ?? r.proposedGrade,
        finalPoints: change ? (change.points ?? null) : r.proposedPoints,
        finalReason: change ? cleanMultiline(change.reason ?? "") : r.proposedReason,
        confirmedAt: now,
        version: sql`${ratings.version} + 1`,
        updatedAt: r.updatedAt, // the proposal keeps its day
      })
      .where(eq(ratings.id, r.id))
      .returning();
    if (updated) after.push(updated);
  }
  const [sheet] = await tx
    .update(ratingSheets)
    .set({
      status: "confirmed",
      confirmedAt: now,
      confirmedBy: ctx.actor?.userId ?? null,
      version: sql`${ratingSheets.version} + 1`,
    })
    .where(and(eq(ratingSheets.unitId, input.cell.id), eq(ratingSheets.year, input.year)))
    .returning();
  await applyFigureDeltas(tx, [
    ...rows.flatMap((r) => negate(ratingContributions(r))),
    ...after.flatMap(ratingContributions),
  ]);
  await recordAudit(tx, ctx, {
    event: "rating.confirm",
    entityId: input.cell.id,
    unitId: input.cell.id,
    before: null,
    after: { year: input.year, confirmed: after.length, changed: input.changes.length },
  });
  return sheet;
}

/** Closes a year for a unit's subtree: its commitments and ratings then change only by a recorded correction. */
export async function closeYear(tx: Executor, ctx: Ctx, input: { unit: UnitRow; year: number }) {
  const [row] = await tx
    .insert(yearClosures)
    .values({ unitId: input.unit.id, year: input.year, closedBy: ctx.actor?.userId ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw yearClosed();
  await recordAudit(tx, ctx, {
    event: "year.close",
    entityId: input.unit.id,
    unitId: input.unit.id,
    before: null,
    after: { year: input.year },
  });
  return row;
}

/** After a year is closed, a rating changes only by a correction that records before, after and why. */
export async function correctRating(
  tx: Executor,
  ctx: Ctx,
  input: {
    rating: RatingRow;
    cellPath: string;
    grade: Grade;
    points?: number | null | undefined;
    reason: string;
  },
) {
  if (!(await isLocked(tx, input.cellPath, input.rating.year)))
    throw new AppError("STATE_CONFLICT", {
      message: {
        vi: "Năm chưa khóa sổ: hãy sửa trên phiếu xếp loại.",
        en: "The year is not closed: edit the rating sheet.",
      },
    });
  const problems = checkRows(
    [{ personId: input.rating.personId, grade: input.grade, points: input.points, reason: input.reason }],
    new Map([[input.rating.personId, ""]]),
  );
  if (problems.length) throw rowsInvalid(problems);
  const [after] = await tx
    .update(ratings)
    .set({
      finalGrade: input.grade,
      finalPoints: input.points ?? null,
      finalReason: cleanMultiline(input.reason),
      confirmedAt: input.rating.confirmedAt ?? new Date(),
      version: sql`${ratings.version} + 1`,
    })
    .where(and(eq(ratings.id, input.rating.id), eq(ratings.version, input.rating.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT");
  const pick = (r: RatingRow) => ({
    grade: r.finalGrade ?? r.proposedGrade,
    points: r.finalPoints,
    reason: r.finalReason,
  });
  await tx.insert(ratingCorrections).values({
    ratingId: after.id,
    before: pick(input.rating),
    after: pick(after),
    reason: cleanMultiline(input.reason),
    actorId: ctx.actor?.userId ?? null,
  });
  await applyFigureDeltas(tx, [...negate(ratingContributions(input.rating)), ...ratingContributions(after)]);
  await recordAudit(tx, ctx, {
    event: "rating.correct",
    entityId: after.id,
    unitId: after.unitId,
    before: pick(input.rating),
    after: pick(after),
  });
  return after;
}

/** A unit's template for its members' commitments of a year (created or edited with its version). */
export async function saveTemplate(
  tx: Executor,
  ctx: Ctx,
  input: {
    unit: UnitRow;
    year: number;
    studyPrompt: string;
    actionPrompt: string;
    targets: CommitmentTarget[];
    deadline?: string | null | undefined;
    campaignWeight: number;
    version?: number | undefined;
  },
) {
  const fields = {
    studyPrompt: cleanMultiline(input.studyPrompt),
    actionPrompt: cleanMultiline(input.actionPrompt),
    targets: cleanTargets(input.targets),
    deadline: input.deadline ?? null,
    campaignWeight: input.campaignWeight,
  };
  const [current] = await tx
    .select()
    .from(commitmentTemplates)
    .where(and(eq(commitmentTemplates.unitId, input.unit.id), eq(commitmentTemplates.year, input.year)));
  if (!current) {
    const [row] = await tx
      .insert(commitmentTemplates)
      .values({ unitId: input.unit.id, year: input.year, ...fields, createdBy: ctx.actor?.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("VERSION_CONFLICT");
    await recordAudit(tx, ctx, {
      event: "commitment.template",
      entityId: row.id,
      unitId: row.unitId,
      before: null,
      after: row,
    });
    return row;
  }
  const [after] = await tx
    .update(commitmentTemplates)
    .set({
      ...fields,
      version: sql`${commitmentTemplates.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(commitmentTemplates.id, current.id), eq(commitmentTemplates.version, input.version ?? -1)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "commitment.template",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}
