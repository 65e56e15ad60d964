import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { changesNothing } from "../../lib/edits.ts";
import { AppError } from "../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../lib/vietnamese.ts";
import { applyFigureDeltas, negate } from "../figures/index.ts";
import { people } from "../people/schema.ts";
import { type UnitRow, units } from "../units/schema.ts";
import { studyContributions } from "./figures.ts";
import {
  type StudySessionRow,
  studyAttendance,
  studySessions,
  type ThemeLink,
  type ThemeRow,
  themes,
} from "./schema.ts";

const cleanLinks = (links: ThemeLink[]) =>
  links.map((l) => ({ title: cleanText(l.title), url: l.url.trim() }));

const duplicateYear = () =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: "Đơn vị đã ban hành chuyên đề cho năm này.",
      en: "The unit already issued a topic for this year.",
    },
    details: [{ path: "body.year", message: "taken" }],
  });

/** Issues a unit's topic for a year (one per unit and year). */
export async function createTheme(
  tx: Executor,
  ctx: Ctx,
  input: { unit: UnitRow; year: number; title: string; summary: string; links: ThemeLink[] },
) {
  const [row] = await tx
    .insert(themes)
    .values({
      unitId: input.unit.id,
      year: input.year,
      title: cleanText(input.title),
      summary: cleanMultiline(input.summary),
      links: cleanLinks(input.links),
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicateYear();
  await recordAudit(tx, ctx, { event: "theme.create", entityId: row.id, unitId: row.unitId, after: row });
  return row;
}

/**
 * Edits a topic; the version read must still be current. Its year is fixed once a session has
 * studied it (the study figures count by it).
 */
export async function updateTheme(
  tx: Executor,
  ctx: Ctx,
  current: ThemeRow,
  input: {
    version: number;
    year?: number | undefined;
    title?: string | undefined;
    summary?: string | undefined;
    links?: ThemeLink[] | undefined;
  },
) {
  if (changesNothing(input, current)) return current;
  if (input.year !== undefined && input.year !== current.year) {
    const studied = await tx.$count(studySessions, eq(studySessions.themeId, current.id));
    if (studied)
      throw new AppError("RULE_VIOLATION", {
        message: {
          vi: "Chuyên đề đã có buổi học tập nên không đổi được năm.",
          en: "The topic has study sessions: its year cannot change.",
        },
        details: [{ path: "body.year", message: "studied" }],
      });
    const [taken] = await tx
      .select({ id: themes.id })
      .from(themes)
      .where(and(eq(themes.unitId, current.unitId), eq(themes.year, input.year)));
    if (taken) throw duplicateYear();
  }
  const [after] = await tx
    .update(themes)
    .set({
      ...(input.year !== undefined ? { year: input.year } : {}),
      ...(input.title !== undefined ? { title: cleanText(input.title) } : {}),
      ...(input.summary !== undefined ? { summary: cleanMultiline(input.summary) } : {}),
      ...(input.links !== undefined ? { links: cleanLinks(input.links) } : {}),
      version: sql`${themes.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(themes.id, current.id), eq(themes.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "theme.update",
    entityId: current.id,
    unitId: current.unitId,
    before: current,
    after,
  });
  return after;
}

/** The topic a unit may study: issued by the unit itself or by one above it. */
async function themeFor(tx: Executor, unit: { path: string }, themeId: string) {
  const [row] = await tx
    .select({ theme: themes, unitPath: units.path })
    .from(themes)
    .innerJoin(units, eq(units.id, themes.unitId))
    .where(eq(themes.id, themeId));
  if (!row || !unit.path.startsWith(row.unitPath))
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Chuyên đề không được ban hành cho đơn vị này.",
        en: "The topic was not issued to this unit.",
      },
      details: [{ path: "body.themeId", message: "not_issued" }],
    });
  return row.theme;
}

function checkDay(heldOn: string) {
  if (heldOn > vnToday())
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Ngày học tập không được sau ngày hôm nay.",
        en: "The session cannot be dated after today.",
      },
      details: [{ path: "body.heldOn", message: "future" }],
    });
}

/** Newly listed attendees must be active people of the unit's subtree (those already listed may stay). */
async function checkAttendees(tx: Executor, unit: { path: string }, personIds: string[]) {
  if (!personIds.length) return;
  const found = await tx
    .select({ id: people.id })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        inArray(people.id, personIds),
        eq(people.status, "active"),
        sql`${units.path} like ${`${unit.path}%`}`,
      ),
    );
  if (found.length !== personIds.length) {
    const ok = new Set(found.map((p) => p.id));
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Có người dự không phải đảng viên đang sinh hoạt ở đơn vị này.",
        en: "Some attendees are not active members of this unit.",
      },
      details: personIds
        .map((id, i) => ({ id, i }))
        .filter((p) => !ok.has(p.id))
        .map((p) => ({ path: `body.personIds.${p.i}`, message: "out_of_unit" })),
    });
  }
}

/**
 * Locks the people whose study figures a write recomputes, in key order (two sessions saved at
 * once for the same person must not both count their first attendance).
 */
async function lockPeople(tx: Executor, personIds: string[]) {
  if (!personIds.length) return;
  await tx.execute(
    sql`select id from ${people} where id = any(${sql.param([...personIds].sort())}::uuid[]) order by id for no key update`,
  );
}

/**
 * Applies a session change to the figures: each affected person's first attendance per topic year
 * is read before and after the change (`write`), and the difference applied, in the transaction.
 */
async function withStudyFigures<T>(
  tx: Executor,
  personIds: string[],
  years: number[],
  write: () => Promise<T>,
): Promise<T> {
  const ids = [...new Set(personIds)];
  const yearList = [...new Set(years)];
  await lockPeople(tx, ids);
  const before = await studyContributions(tx, ids, yearList);
  const result = await write();
  const after = await studyContributions(tx, ids, yearList);
  await applyFigureDeltas(tx, [...negate(before), ...after]);
  return result;
}

async function attendeeIds(tx: Executor, sessionId: string) {
  const rows = await tx
    .select({ id: studyAttendance.personId })
    .from(studyAttendance)
    .where(eq(studyAttendance.sessionId, sessionId));
  return rows.map((r) => r.id);
}

async function insertAttendance(tx: Executor, sessionId: string, personIds: string[]) {
  for (let i = 0; i < personIds.length; i += 1000)
    await tx
      .insert(studyAttendance)
      .values(personIds.slice(i, i + 1000).map((personId) => ({ sessionId, personId })));
}

/** Records a unit's study session and who was present; the study figures follow. */
export async function createStudySession(
  tx: Executor,
  ctx: Ctx,
  input: { unit: UnitRow; themeId: string; heldOn: string; notes: string; personIds: string[] },
) {
  const theme = await themeFor(tx, input.unit, input.themeId);
  checkDay(input.heldOn);
  await checkAttendees(tx, input.unit, input.personIds);
  const row = await withStudyFigures(tx, input.personIds, [theme.year], async () => {
    const [session] = await tx
      .insert(studySessions)
      .values({
        unitId: input.unit.id,
        themeId: theme.id,
        heldOn: input.heldOn,
        notes: cleanMultiline(input.notes),
        createdBy: ctx.actor?.userId ?? null,
        updatedBy: ctx.actor?.userId ?? null,
      })
      .returning();
    if (!session) throw new Error("no session row");
    await insertAttendance(tx, session.id, input.personIds);
    return session;
  });
  await recordAudit(tx, ctx, {
    event: "study_session.create",
    entityId: row.id,
    unitId: row.unitId,
    after: { ...row, personIds: input.personIds },
  });
  return row;
}

/** Corrects a session (topic, day, notes, who was present); the version read must be current. */
export async function updateStudySession(
  tx: Executor,
  ctx: Ctx,
  current: StudySessionRow & { unitPath: string; themeYear: number },
  input: {
    version: number;
    themeId?: string | undefined;
    heldOn?: string | undefined;
    notes?: string | undefined;
    personIds?: string[] | undefined;
  },
) {
  if (changesNothing(input, current)) return current;
  const unit = { path: current.unitPath };
  const theme =
    input.themeId !== undefined && input.themeId !== current.themeId
      ? await themeFor(tx, unit, input.themeId)
      : null;
  if (input.heldOn !== undefined && input.heldOn !== current.heldOn) checkDay(input.heldOn);
  const before = await attendeeIds(tx, current.id);
  if (input.personIds) {
    const had = new Set(before);
    await checkAttendees(
      tx,
      unit,
      input.personIds.filter((id) => !had.has(id)),
    );
  }
  const next = input.personIds ?? before;
  const years = [current.themeYear, ...(theme ? [theme.year] : [])];
  const after = await withStudyFigures(tx, [...before, ...next], years, async () => {
    const [updated] = await tx
      .update(studySessions)
      .set({
        ...(theme ? { themeId: theme.id } : {}),
        ...(input.heldOn !== undefined ? { heldOn: input.heldOn } : {}),
        ...(input.notes !== undefined ? { notes: cleanMultiline(input.notes) } : {}),
        version: sql`${studySessions.version} + 1`,
        updatedAt: new Date(),
        updatedBy: ctx.actor?.userId ?? null,
      })
      .where(and(eq(studySessions.id, current.id), eq(studySessions.version, input.version)))
      .returning();
    if (!updated) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
    if (input.personIds) {
      await tx.delete(studyAttendance).where(eq(studyAttendance.sessionId, current.id));
      await insertAttendance(tx, current.id, input.personIds);
    }
    return updated;
  });
  const { unitPath: _path, themeYear: _year, ...was } = current;
  await recordAudit(tx, ctx, {
    event: "study_session.update",
    entityId: current.id,
    unitId: current.unitId,
    before: { ...was, personIds: before },
    after: { ...after, personIds: next },
  });
  return after;
}

/** Removes a session recorded by mistake (the version read must be current); the figures follow. */
export async function deleteStudySession(
  tx: Executor,
  ctx: Ctx,
  current: StudySessionRow & { themeYear: number },
  version: number,
) {
  const before = await attendeeIds(tx, current.id);
  await withStudyFigures(tx, before, [current.themeYear], async () => {
    const [gone] = await tx
      .delete(studySessions)
      .where(and(eq(studySessions.id, current.id), eq(studySessions.version, version)))
      .returning({ id: studySessions.id });
    if (!gone) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  });
  await recordAudit(tx, ctx, {
    event: "study_session.delete",
    entityId: current.id,
    unitId: current.unitId,
    before: { heldOn: current.heldOn, themeId: current.themeId, notes: current.notes, personIds: before },
    after: null,
  });
}
