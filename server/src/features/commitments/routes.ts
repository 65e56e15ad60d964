import { and, eq } from "drizzle-orm";
import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { allowedActions, authorize, canRead } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { people } from "../people/schema.ts";
import { findUnit } from "../units/index.ts";
import { type UnitRow, units } from "../units/schema.ts";
import { assessCommitment } from "./commands/assess-commitment.ts";
import { closeYear } from "./commands/close-year.ts";
import { confirmRatings } from "./commands/confirm-ratings.ts";
import { correctRating } from "./commands/correct-rating.ts";
import { reviewCommitment } from "./commands/review-commitment.ts";
import { saveMyCommitment } from "./commands/save-my-commitment.ts";
import { saveRatings } from "./commands/save-ratings.ts";
import { saveTemplate } from "./commands/save-template.ts";
import { submitCommitment } from "./commands/submit-commitment.ts";
import {
  assessmentBody,
  closeYearResponse,
  commitmentResponse,
  confirmRatingsBody,
  correctionBody,
  historyResponse,
  idParams,
  myCommitmentResponse,
  ratingSheetResponse,
  reviewCommitmentBody,
  saveCommitmentBody,
  saveRatingsBody,
  saveTemplateBody,
  submitCommitmentBody,
  templateResponse,
  unitCommitmentsQuery,
  unitCommitmentsResponse,
  unitIdParams,
  unitYearParams,
  unitYearQuery,
  yearQuery,
} from "./contracts.ts";
import { commitmentPolicy, mayCloseYear, ratingPolicy } from "./policy.ts";
import { presentCommitment, presentTemplate } from "./presenter.ts";
import {
  cellSheet,
  commitmentHistory,
  commitmentOf,
  findCommitment,
  isLocked,
  nearestTemplate,
  unitCommitments,
} from "./queries.ts";
import { ratings } from "./schema.ts";

const tags = ["commitments"];
const thisYear = () => Number(vnToday().slice(0, 4));

export function commitmentRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  /** The caller's own person record and cell (a member account is linked to its person). */
  const me = async (actor: Actor) => {
    if (!actor.personId)
      throw new AppError("FORBIDDEN", {
        message: {
          vi: "Tài khoản chưa gắn với hồ sơ đảng viên: hãy nhờ cán bộ phụ trách gắn.",
          en: "This account is not linked to a member record: ask the officer in charge.",
        },
      });
    const [row] = await db()
      .select({ person: people, cell: units })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(people.id, actor.personId));
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  const mine = async (actor: Actor, year: number) => {
    const { person, cell } = await me(actor);
    const row = await commitmentOf(db(), person.id, year);
    return { person, cell, row };
  };
  const cellOf = async (actor: Actor, id: string): Promise<UnitRow> => {
    const unit = await findUnit(db(), actor, id);
    if (!unit) throw new AppError("NOT_FOUND");
    return unit;
  };

  route.get("/commitments/mine", "self", {
    querystring: yearQuery,
    response: myCommitmentResponse,
    handler: async (actor, req) => {
      const year = req.query.year ?? thisYear();
      const { cell, row } = await mine(actor, year);
      const [template, locked] = await Promise.all([
        nearestTemplate(db(), cell.path, year),
        isLocked(db(), cell.path, year),
      ]);
      return {
        year,
        commitment: row ? presentCommitment(actor, row, locked) : null,
        template: template ? presentTemplate(template, cell.id) : null,
        locked,
      };
    },
  });

  route.put("/commitments/mine", "self", {
    description:
      "Writes the caller's commitment for a year while it is a draft (with the version read, once it exists).",
    body: saveCommitmentBody,
    response: commitmentResponse,
    handler: async (actor, req) => {
      const { person, cell } = await me(actor);
      await db().transaction((tx) => saveMyCommitment({ tx, ctx: ctxOf(req), person, cell, ...req.body }));
      const row = await commitmentOf(db(), person.id, req.body.year);
      if (!row) throw new AppError("NOT_FOUND");
      return { commitment: presentCommitment(actor, row, false) };
    },
  });

  route.post("/commitments/mine/submit", "self", {
    body: submitCommitmentBody,
    response: commitmentResponse,
    handler: async (actor, req) => {
      const { cell, row } = await mine(actor, req.body.year);
      if (!row) throw new AppError("NOT_FOUND");
      await db().transaction((tx) =>
        submitCommitment({ tx, ctx: ctxOf(req), current: row.commitment, cellPath: cell.path }),
      );
      const after = await commitmentOf(db(), row.commitment.personId, req.body.year);
      if (!after) throw new AppError("NOT_FOUND");
      return { commitment: presentCommitment(actor, after, false) };
    },
  });

  route.put("/commitments/mine/assessment", "self", {
    description: "The caller's own assessment of their commitment, at mid-year or at the year's end.",
    body: assessmentBody,
    response: commitmentResponse,
    handler: async (actor, req) => {
      const { cell, row } = await mine(actor, req.body.year);
      if (!row) throw new AppError("NOT_FOUND");
      await db().transaction((tx) =>
        assessCommitment({ tx, ctx: ctxOf(req), current: row.commitment, cellPath: cell.path, ...req.body }),
      );
      const after = await commitmentOf(db(), row.commitment.personId, req.body.year);
      if (!after) throw new AppError("NOT_FOUND");
      return { commitment: presentCommitment(actor, after, false) };
    },
  });

  route.get("/commitments/history", "self", {
    description: "The caller's commitments and grades over the years.",
    response: historyResponse,
    handler: async (actor) => {
      const { person } = await me(actor);
      const rows = await commitmentHistory(db(), person.id);
      const items = await Promise.all(
        rows.map(async (r) => ({
          year: r.commitment.year,
          commitment: presentCommitment(actor, r, await isLocked(db(), r.unitPath, r.commitment.year)),
          grade: r.rating ? (r.rating.finalGrade ?? null) : null,
          points: r.rating?.finalPoints ?? null,
        })),
      );
      return { items };
    },
  });

  route.get("/commitments/:id", "own-subtree", {
    params: idParams,
    response: commitmentResponse,
    handler: async (actor, req) => {
      const row = await findCommitment(db(), actor.unitPath, req.params.id);
      if (
        !row ||
        !canRead(actor, commitmentPolicy, { unitPath: row.unitPath, personId: row.commitment.personId })
      )
        throw new AppError("NOT_FOUND");
      return {
        commitment: presentCommitment(actor, row, await isLocked(db(), row.unitPath, row.commitment.year)),
      };
    },
  });

  route.post("/commitments/:id/review", "own-subtree", {
    description:
      "The cell secretary's review of a submitted commitment: a comment, and at the year's end its score (0–100).",
    params: idParams,
    body: reviewCommitmentBody,
    response: commitmentResponse,
    handler: async (actor, req) => {
      const row = await findCommitment(db(), actor.unitPath, req.params.id);
      if (!row) throw new AppError("NOT_FOUND");
      authorize(actor, commitmentPolicy, "review", {
        unitPath: row.unitPath,
        personId: row.commitment.personId,
      });
      await db().transaction((tx) =>
        reviewCommitment({
          tx,
          ctx: ctxOf(req),
          current: row.commitment,
          cellPath: row.unitPath,
          ...req.body,
        }),
      );
      const after = await findCommitment(db(), actor.unitPath, req.params.id);
      if (!after) throw new AppError("NOT_FOUND");
      return { commitment: presentCommitment(actor, after, false) };
    },
  });

  route.get("/units/:id/commitments", "own-subtree", {
    description:
      "The members of a unit's subtree with the state of their commitment for the year (`missing=true`: those without a submitted one).",
    params: unitIdParams,
    querystring: unitCommitmentsQuery,
    response: unitCommitmentsResponse,
    handler: async (actor, req) => {
      const unit = await cellOf(actor, req.params.id);
      if (!canRead(actor, ratingPolicy, { unitPath: unit.path })) throw new AppError("FORBIDDEN");
      const year = req.query.year ?? thisYear();
      const { rows, ...total } = await unitCommitments(db(), unit, year, req.query);
      return {
        ...envelope(
          req.query,
          rows.map((r) => ({
            personId: r.person.id,
            fullName: r.person.fullName,
            unitName: r.unitName,
            commitmentId: r.commitment?.id ?? null,
            status: r.commitment?.status ?? null,
            submittedAt: r.commitment?.submittedAt?.toISOString() ?? null,
            assessed: !!(r.commitment?.yearEndAt || r.commitment?.reviewedAt),
            score: r.commitment?.score ?? null,
          })),
          total,
        ),
        year,
      };
    },
  });

  route.get("/units/:id/commitment-template", "own-subtree", {
    params: unitIdParams,
    querystring: unitYearQuery,
    response: templateResponse,
    handler: async (actor, req) => {
      const unit = await cellOf(actor, req.params.id);
      const template = await nearestTemplate(db(), unit.path, req.query.year ?? thisYear());
      return { template: template ? presentTemplate(template, unit.id) : null };
    },
  });

  route.put("/units/:id/commitment-template", "own-subtree", {
    description:
      "A unit's template for its members' commitments of a year: prompts, targets, deadline, the campaign's weight in the rating.",
    params: unitIdParams,
    body: saveTemplateBody,
    response: templateResponse,
    handler: async (actor, req) => {
      const unit = await cellOf(actor, req.params.id);
      authorize(actor, ratingPolicy, "template", { unitPath: unit.path });
      await db().transaction((tx) => saveTemplate({ tx, ctx: ctxOf(req), unit, ...req.body }));
      const template = await nearestTemplate(db(), unit.path, req.body.year);
      return { template: template ? presentTemplate(template, unit.id) : null };
    },
  });

  const sheetOf = async (actor: Actor, unit: UnitRow, year: number) => {
    const [{ sheet, rows }, template, locked] = await Promise.all([
      cellSheet(db(), unit.id, year),
      nearestTemplate(db(), unit.path, year),
      isLocked(db(), unit.path, year),
    ]);
    return {
      unitId: unit.id,
      unitName: unit.name,
      year,
      version: sheet?.version ?? 1,
      status: sheet?.status ?? "open",
      locked,
      campaignWeight: template?.template.campaignWeight ?? 20,
      rows: rows.map(({ person, commitment, rating }) => ({
        personId: person.id,
        fullName: person.fullName,
        position: person.position,
        commitment: commitment ? { status: commitment.status, score: commitment.score } : null,
        proposed: rating
          ? { grade: rating.proposedGrade, points: rating.proposedPoints, reason: rating.proposedReason }
          : null,
        final: rating?.finalGrade
          ? { grade: rating.finalGrade, points: rating.finalPoints, reason: rating.finalReason }
          : null,
        ratingId: rating?.id ?? null,
      })),
      allowedActions: locked
        ? allowedActions(actor, ratingPolicy, { unitPath: unit.path }).filter((a) => a === "correct")
        : allowedActions(actor, ratingPolicy, { unitPath: unit.path }).filter(
            (a): a is "propose" | "confirm" => a === "propose" || a === "confirm",
          ),
    };
  };

  route.get("/units/:id/ratings", "own-subtree", {
    description: "A cell's rating sheet for a year, with its version (sent back when saving).",
    params: unitIdParams,
    querystring: unitYearQuery,
    response: ratingSheetResponse,
    handler: async (actor, req) => {
      const unit = await cellOf(actor, req.params.id);
      // The unit is in sight; its sheet is for secretaries, officers and leaders.
      if (!canRead(actor, ratingPolicy, { unitPath: unit.path })) throw new AppError("FORBIDDEN");
      return sheetOf(actor, unit, req.query.year ?? thisYear());
    },
  });

  route.post("/units/:id/ratings", "own-subtree", {
    description:
      "The whole cell's proposed grades in one request and one transaction: 422 naming the bad rows (nothing stored), 409 on a stale version.",
    params: unitIdParams,
    body: saveRatingsBody,
    response: ratingSheetResponse,
    handler: async (actor, req) => {
      const unit = await cellOf(actor, req.params.id);
      authorize(actor, ratingPolicy, "propose", { unitPath: unit.path });
      await db().transaction((tx) =>
        saveRatings({
          tx,
          ctx: ctxOf(req),
          cell: unit,
          year: req.body.year,
          version: req.body.version,
          rows: req.body.ratings,
        }),
      );
      return sheetOf(actor, unit, req.body.year);
    },
  });

  route.post("/units/:id/ratings/confirm", "own-subtree", {
    description:
      "The committee above confirms the cell's proposed grades, changing some (with a reason each).",
    params: unitIdParams,
    body: confirmRatingsBody,
    response: ratingSheetResponse,
    handler: async (actor, req) => {
      const unit = await cellOf(actor, req.params.id);
      authorize(actor, ratingPolicy, "confirm", { unitPath: unit.path });
      await db().transaction((tx) =>
        confirmRatings({
          tx,
          ctx: ctxOf(req),
          cell: unit,
          year: req.body.year,
          version: req.body.version,
          changes: req.body.changes,
        }),
      );
      return sheetOf(actor, unit, req.body.year);
    },
  });

  route.post("/units/:id/years/:year/close", "own-subtree", {
    description:
      "Closes a year for the unit's subtree: its commitments and ratings then change only by a recorded correction.",
    params: unitYearParams,
    response: closeYearResponse,
    handler: async (actor, req) => {
      const unit = await cellOf(actor, req.params.id);
      if (!mayCloseYear(actor, unit.path)) throw new AppError("FORBIDDEN");
      const row = await db().transaction((tx) =>
        closeYear({ tx, ctx: ctxOf(req), unit, year: req.params.year }),
      );
      return { unitId: row.unitId, year: row.year, closedAt: row.closedAt.toISOString() };
    },
  });

  route.post("/ratings/:id/corrections", "own-subtree", {
    description: "Corrects a grade of a closed year; the correction records before, after, reason and who.",
    params: idParams,
    body: correctionBody,
    response: ratingSheetResponse,
    handler: async (actor, req) => {
      const [found] = await db()
        .select({ rating: ratings, unit: units })
        .from(ratings)
        .innerJoin(units, eq(units.id, ratings.unitId))
        .where(and(eq(ratings.id, req.params.id)));
      if (!found?.unit.path.startsWith(actor.unitPath)) throw new AppError("NOT_FOUND");
      authorize(actor, ratingPolicy, "correct", { unitPath: found.unit.path });
      await db().transaction((tx) =>
        correctRating({ tx, ctx: ctxOf(req), rating: found.rating, cellPath: found.unit.path, ...req.body }),
      );
      return sheetOf(actor, found.unit, found.rating.year);
    },
  });
}
