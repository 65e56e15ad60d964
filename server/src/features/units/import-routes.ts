import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf, sendSpreadsheet } from "../../lib/http.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { templateFor } from "../../lib/spreadsheet.ts";
import { prepareUnitImport } from "./commands/import-units.ts";
import { UNITS_IMPORT_JOB } from "./jobs.ts";
import { mayCreateUnits, unitPolicy } from "./policy.ts";
import { findUnit } from "./queries.ts";
import { unitColumns } from "./sheet.ts";

const tags = ["units"];

/** Importing units (a part of the tree) from .xlsx/.csv, and its template. */
export function unitSheetRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.get("/imports/units/template", "shared", {
    handler: async (_actor, _req, reply) => {
      const file = await templateFor(unitColumns, {
        title: "DANH SÁCH ĐƠN VỊ",
        example: {
          code: "25001-1-4",
          name: "Chi bộ Khu dân cư số 2",
          shortName: "CB KDC 2",
          kind: "Chi bộ",
          parentCode: "25001-1",
          documentCode: "CB",
          activeFrom: "01/07/2025",
        },
      });
      return sendSpreadsheet(reply, "Mẫu nhập đơn vị.xlsx", file);
    },
  });

  route.post("/imports/units", "own-subtree", {
    description:
      "multipart/form-data with a `file` field (.xlsx or .csv). `parentId`: the parent of the rows that name none.",
    querystring: z.object({ dryRun: z.stringbool().default(false), parentId: z.uuid().optional() }),
    response: { 200: z.object({ rows: z.number().int() }), 202: z.object({ jobId: z.string() }) },
    handler: async (actor, req, reply) => {
      if (!mayCreateUnits(actor)) throw new AppError("FORBIDDEN");
      const defaultParent = req.query.parentId ? await findUnit(db(), actor, req.query.parentId) : null;
      if (req.query.parentId && !defaultParent) {
        throw new AppError("RULE_VIOLATION", {
          details: [{ path: "querystring.parentId", message: "out_of_scope" }],
        });
      }
      if (defaultParent) {
        authorize(actor, unitPolicy, "createChild", {
          unitPath: defaultParent.path,
          status: defaultParent.status,
        });
      }
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const part = await req.file();
      if (part?.fieldname !== "file") {
        throw new AppError("VALIDATION_FAILED", {
          details: [{ path: "body.file", message: "Thiếu tệp (trường file)" }],
        });
      }
      const file = { data: await part.toBuffer(), filename: part.filename };
      if (req.query.dryRun) {
        const prepared = await prepareUnitImport(db(), actor, file, defaultParent);
        return { rows: prepared.rows };
      }
      const jobId = await app.deps.jobs.start({
        kind: UNITS_IMPORT_JOB,
        ctx: ctxOf(req),
        lang: req.lang,
        unitId: defaultParent?.id ?? actor.unitId,
        payload: { defaultParentId: defaultParent?.id ?? null },
        upload: file,
      });
      return reply.status(202).send({ jobId });
    },
  });
}
