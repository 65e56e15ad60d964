import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf, sendSpreadsheet } from "../../lib/http.ts";
import { routes } from "../../lib/routes.ts";
import { templateFor } from "../../lib/spreadsheet.ts";
import { findUnit } from "../units/index.ts";
import { MAX_IMPORT_ROWS, prepareImport } from "./commands/import-people.ts";
import { peopleExportRoutes } from "./export-routes.ts";
import { PEOPLE_IMPORT_JOB } from "./jobs.ts";
import { mayAddPeople } from "./policy.ts";
import { personColumns } from "./sheet.ts";

const tags = ["people"];

/** Importing people from .xlsx/.csv, its template, and the export of the people list (export-routes.ts). */
export function peopleSheetRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.get("/imports/people/template", "shared", {
    handler: async (_actor, _req, reply) => {
      const file = await templateFor(personColumns, {
        title: "DANH SÁCH ĐẢNG VIÊN",
        example: {
          fullName: "Nguyễn Văn An",
          gender: "Nam",
          birthDate: "15/03/1985",
          joinedOn: "03/02/2010",
          officialOn: "03/02/2011",
          position: "Đảng viên",
          unitCode: "",
        },
      });
      return sendSpreadsheet(reply, "Mẫu nhập đảng viên.xlsx", file);
    },
  });

  route.post("/imports/people", "own-subtree", {
    description: "multipart/form-data with a `file` field (.xlsx or .csv).",
    querystring: z.object({ dryRun: z.stringbool().default(false), unitId: z.uuid().optional() }),
    response: { 200: z.object({ rows: z.number().int() }), 202: z.object({ jobId: z.string() }) },
    handler: async (actor, req, reply) => {
      if (!mayAddPeople(actor)) throw new AppError("FORBIDDEN");
      const defaultUnit = req.query.unitId ? await findUnit(db(), actor, req.query.unitId) : null;
      if (req.query.unitId && !defaultUnit) {
        throw new AppError("RULE_VIOLATION", {
          details: [{ path: "querystring.unitId", message: "out_of_scope" }],
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
        const prepared = await prepareImport(db(), actor, file, defaultUnit);
        return { rows: prepared.rows };
      }
      const jobId = await app.deps.jobs.start({
        kind: PEOPLE_IMPORT_JOB,
        ctx: ctxOf(req),
        lang: req.lang,
        unitId: defaultUnit?.id ?? actor.unitId,
        payload: { defaultUnitId: defaultUnit?.id ?? null },
        upload: file,
      });
      return reply.status(202).send({ jobId });
    },
  });

  peopleExportRoutes(app);
}

export const importLimits = { maxRows: MAX_IMPORT_ROWS, fileSize: 25 * 1024 * 1024 };
