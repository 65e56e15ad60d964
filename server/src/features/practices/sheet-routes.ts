import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf, readDb, sendSpreadsheet } from "../../lib/http.ts";
import { routes } from "../../lib/routes.ts";
import { streamTable, templateFor } from "../../lib/spreadsheet.ts";
import { keepers } from "../recognition/index.ts";
import { practiceListQuery } from "./contracts.ts";
import { preparePracticeImport } from "./import.ts";
import { PRACTICES_IMPORT_JOB } from "./jobs.ts";
import { listPractices } from "./queries.ts";
import { practiceExportColumns, practiceImportColumns } from "./sheet.ts";

const tags = ["practices"];
const EXPORT_LIMIT = 100_000;

/** Models recorded earlier on paper, imported from .xlsx/.csv; and the list's .xlsx export. */
export function practiceSheetRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.get("/imports/practices/template", "shared", {
    handler: async (_actor, _req, reply) => {
      const file = await templateFor(practiceImportColumns, {
        title: "DANH SÁCH MÔ HÌNH HAY, CÁCH LÀM SÁNG TẠO",
        example: {
          title: "Mô hình “Tổ dân phố tự quản xanh – sạch – đẹp”",
          kind: "Tập thể",
          unitCode: "25001-1-1",
          field: "Văn hóa – xã hội",
          startedOn: "15/03/2020",
          registeredOn: "15/03/2020",
          summary: "Mỗi đảng viên phụ trách 5 hộ gia đình.",
          results: "100% hộ tham gia.",
          status: "Đã công nhận",
          recognisedUnitCode: "25001",
          recognisedOn: "20/12/2020",
          isPublic: "Có",
        },
      });
      return sendSpreadsheet(reply, "Mẫu nhập mô hình.xlsx", file);
    },
  });

  route.post("/imports/practices", "own-subtree", {
    description: "multipart/form-data with a `file` field (.xlsx or .csv): models recorded earlier on paper.",
    querystring: z.object({ dryRun: z.stringbool().default(false) }),
    response: { 200: z.object({ rows: z.number().int() }), 202: z.object({ jobId: z.string() }) },
    handler: async (actor, req, reply) => {
      if (!keepers.has(actor.role)) throw new AppError("FORBIDDEN");
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const part = await req.file();
      if (part?.fieldname !== "file")
        throw new AppError("VALIDATION_FAILED", {
          details: [{ path: "body.file", message: "Thiếu tệp (trường file)" }],
        });
      const file = { data: await part.toBuffer(), filename: part.filename };
      if (req.query.dryRun) return { rows: (await preparePracticeImport(db(), actor, file)).rows };
      const jobId = await app.deps.jobs.start({
        kind: PRACTICES_IMPORT_JOB,
        ctx: ctxOf(req),
        lang: req.lang,
        unitId: actor.unitId,
        payload: {},
        upload: file,
      });
      return reply.status(202).send({ jobId });
    },
  });

  route.get("/practices/export", "shared", {
    description: "The models list (same filters) as .xlsx, with the same columns.",
    querystring: practiceListQuery.omit({ page: true, pageSize: true }),
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const reads = readDb(req);
      // Pages of 5,000 read as the download is written: neither the list nor the file is held whole.
      const rows = async function* () {
        for (let page = 1, read = 0; read < EXPORT_LIMIT; page++) {
          const batch = await listPractices(reads, actor, { ...req.query, page, pageSize: 5000 });
          for (const r of batch.rows.slice(0, EXPORT_LIMIT - read))
            yield {
              title: r.practice.title,
              kind: r.practice.kind,
              unitCode: r.unitCode,
              unitName: r.unitName,
              personName: r.personName,
              field: req.lang === "en" ? r.fieldNameEn : r.fieldName,
              startedOn: r.practice.startedOn,
              registeredOn: r.practice.registeredOn,
              summary: r.practice.summary,
              results: r.practice.results,
              status: r.practice.status,
              recognisedUnitName: r.recognisedName,
              recognisedOn: r.practice.recognisedOn,
              isPublic: r.practice.status === "recognised" ? (r.practice.isPublic ? "yes" : "no") : null,
              adoptionCount: Number(r.adoptionCount),
            };
          read += batch.rows.length;
          if (batch.rows.length < 5000) break;
        }
      };
      const file = streamTable(practiceExportColumns, rows(), {
        title: "DANH SÁCH MÔ HÌNH HAY, CÁCH LÀM SÁNG TẠO",
        sheetName: "Mô hình",
      });
      return sendSpreadsheet(reply, "Danh sách mô hình.xlsx", file);
    },
  });
}
