import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf, readDb, sendSpreadsheet } from "../../lib/http.ts";
import { routes } from "../../lib/routes.ts";
import { streamTable } from "../../lib/spreadsheet.ts";
import { streamStoredFile } from "../files/index.ts";
import { jobs } from "../jobs/schema.ts";
import { exportRow, exportScope, exportSize, findExportFile, PEOPLE_EXPORT_JOB } from "./export-job.ts";
import { peopleForExport } from "./queries.ts";
import { personStatuses } from "./schema.ts";
import { personExportColumns } from "./sheet.ts";

const tags = ["people"];
const exportFilters = z.object({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  status: z.enum(personStatuses).optional(),
});
const formatted = (n: number) => new Intl.NumberFormat("vi-VN").format(n);
const formattedEn = (n: number) => new Intl.NumberFormat("en-GB").format(n);

/**
 * The export of the people list: directly as an .xlsx download up to EXPORT_DIRECT_MAX_ROWS rows
 * (a longer list answers 422 EXPORT_TOO_LARGE, never a file cut short), and as a background job
 * at any size, whose file only its owner downloads.
 */
export function peopleExportRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.get("/people/export", "own-subtree", {
    description:
      "The list under the same filters as GET /api/people, as an .xlsx file streamed in list order. A list longer than the direct limit (200,000 rows by default) answers 422 EXPORT_TOO_LARGE: export it with POST /api/people/export-jobs.",
    querystring: exportFilters,
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const reads = readDb(req);
      if (req.query.unitId && !(await exportScope(reads, actor, req.query.unitId)))
        throw new AppError("NOT_FOUND");
      const limit = app.deps.config.EXPORT_DIRECT_MAX_ROWS;
      const size = await exportSize(reads, actor, req.query, limit);
      if (size.over) {
        const about = size.totalIsEstimate ? Math.max(size.total, limit + 1) : size.total;
        throw new AppError("EXPORT_TOO_LARGE", {
          message: {
            vi: `Danh sách có ${size.totalIsEstimate ? "khoảng " : ""}${formatted(about)} đảng viên, quá ${formatted(limit)} dòng của một lần tải trực tiếp. Hãy xuất bằng công việc chạy nền (tệp được tạo trên máy chủ, có báo tiến độ, rồi tải về), hoặc thu hẹp phạm vi (chọn đơn vị cấp dưới, thêm bộ lọc).`,
            en: `The list has ${size.totalIsEstimate ? "about " : ""}${formattedEn(about)} members, more than the ${formattedEn(limit)} rows of a direct download. Export it as a background job (the file is made on the server, with progress, then downloaded), or narrow it down (a lower unit, more filters).`,
          },
          details: { limit, total: size.total, totalIsEstimate: size.totalIsEstimate },
        });
      }
      // People added since the count could pass the limit: the download then fails rather than
      // ending as a file silently cut short.
      const rows = async function* () {
        let n = 0;
        for await (const row of peopleForExport(reads, actor, req.query, limit + 1)) {
          if (++n > limit) throw new AppError("EXPORT_TOO_LARGE");
          yield exportRow(row);
        }
      };
      const file = streamTable(personExportColumns, rows(), {
        title: "DANH SÁCH ĐẢNG VIÊN",
        sheetName: "Đảng viên",
      });
      return sendSpreadsheet(reply, "Danh sách đảng viên.xlsx", file);
    },
  });

  route.post("/people/export-jobs", "own-subtree", {
    description:
      "Exports the list under the same filters as GET /api/people, at any size, in the background: 202 with the job, whose progress is the rows written over the list's total and whose result gives the file's `url` (only this user may download it). At the top of the tree the workbook has a sheet per province; a sheet past 1,000,000 rows continues on the next.",
    body: exportFilters,
    response: { 202: z.object({ jobId: z.string() }) },
    handler: async (actor, req, reply) => {
      const scope = await exportScope(db(), actor, req.body.unitId);
      if (!scope) {
        throw new AppError("RULE_VIOLATION", {
          details: [{ path: "body.unitId", message: "out_of_scope" }],
        });
      }
      // One export at a time per user: each runs for minutes at the national level.
      const [running] = await db()
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          and(
            eq(jobs.userId, actor.userId),
            eq(jobs.kind, PEOPLE_EXPORT_JOB),
            inArray(jobs.status, ["queued", "running"]),
          ),
        )
        .limit(1);
      if (running) {
        throw new AppError("STATE_CONFLICT", {
          message: {
            vi: "Bạn đang có một lượt xuất danh sách đảng viên chưa xong. Hãy chờ lượt đó xong rồi xuất tiếp.",
            en: "An export of the members list you started is still running. Wait for it to finish, then export again.",
          },
          details: { jobId: running.id },
        });
      }
      const jobId = await app.deps.jobs.start({
        kind: PEOPLE_EXPORT_JOB,
        ctx: ctxOf(req),
        lang: req.lang,
        unitId: scope.id,
        payload: { scope, filters: { q: req.body.q, status: req.body.status } },
      });
      return reply.status(202).send({ jobId });
    },
  });

  route.get("/people/export-jobs/:id/file", "self", {
    description: "The .xlsx file of a finished export job, for the user who started it.",
    params: z.object({ id: z.uuid() }),
    handler: async (actor, req, reply) => {
      const [job] = await db()
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          and(eq(jobs.id, req.params.id), eq(jobs.userId, actor.userId), eq(jobs.kind, PEOPLE_EXPORT_JOB)),
        );
      if (!job) throw new AppError("NOT_FOUND");
      const file = await findExportFile(db(), actor, job.id);
      if (!file) {
        throw new AppError("NOT_FOUND", {
          message: {
            vi: "Tệp xuất này không còn: tệp chưa làm xong, hoặc đã được thay bằng các lần xuất mới hơn (chỉ giữ 3 tệp gần nhất). Hãy xuất lại.",
            en: "This export's file is gone: it is not finished, or newer exports replaced it (the last 3 are kept). Export again.",
          },
        });
      }
      return streamStoredFile(reply, app.deps.files, file, "private, no-store");
    },
  });
}
