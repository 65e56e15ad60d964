import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import type { Db, Executor } from "../../db/client.ts";
import { newId } from "../../db/columns.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Actor, Ctx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import type { JobContext } from "../../lib/jobs.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { type SheetPart, streamWorkbook } from "../../lib/spreadsheet.ts";
import type { FileStore } from "../../lib/storage.ts";
import { removeFile } from "../files/index.ts";
import { storedFiles } from "../files/schema.ts";
import { units } from "../units/schema.ts";
import { personPolicy } from "./policy.ts";
import { listPeople, peopleForExport } from "./queries.ts";
import type { PersonStatus } from "./schema.ts";
import { type PersonColumn, personExportColumns } from "./sheet.ts";

/** The job kind of a background export of the people list, and the owner type of its stored file. */
export const PEOPLE_EXPORT_JOB = "people.export";
export const PEOPLE_EXPORT_OWNER = "people.export";
/** Files kept per user: older exports are removed when a new one is stored (each may be hundreds of MB). */
const KEEP_PER_USER = 3;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Progress is reported (and written to the job row, at most every 5 %) every this many rows. */
const PROGRESS_EVERY = 1_000;

export const exportFileUrl = (jobId: string) => `/api/people/export-jobs/${jobId}/file`;

/** The filters of an export: the people list's (a unit's whole subtree, a name, a status). */
export interface PeopleExportFilters {
  unitId?: string;
  q?: string;
  status?: PersonStatus;
}

/** The unit an export covers: the filter's unit within the caller's subtree (null: out of scope), or the caller's. */
export interface ExportScope {
  id: string;
  name: string;
  path: string;
  depth: number;
}

export async function exportScope(db: Executor, actor: Actor, unitId?: string): Promise<ExportScope | null> {
  const [unit] = await db
    .select({ id: units.id, name: units.name, path: units.path, depth: units.depth })
    .from(units)
    .where(and(eq(units.id, unitId ?? actor.unitId), scopeFilter(actor, personPolicy.visibility, units.path)))
    .limit(1);
  return unit ?? null;
}

/** A row of the export as the sheet's columns take it. */
export const exportRow = <P extends object>({ person, unitName }: { person: P; unitName: string }) => ({
  ...person,
  unitCode: null,
  unitName,
});

export interface ExportSize {
  /** The list's total: exact up to the list's counting bound, else the planner's estimate. */
  total: number;
  totalIsEstimate: boolean;
  /** Whether the list holds more than the limit: always exact. */
  over: boolean;
}

/**
 * Whether a list is longer than `limit` rows, for the direct download's decision, costing at most
 * `limit` index entries whatever the scope: the list's own total (counted up to
 * EXACT_TOTAL_UP_TO, and a search counts all its matches), else — the total an estimate — the
 * planner's estimate when it is far above (5×: the estimates of these scopes come from column
 * statistics and are not that wrong), else a probe for the row just past the limit in list order.
 */
export async function exportSize(
  db: Executor,
  actor: Actor,
  filters: PeopleExportFilters,
  limit: number,
): Promise<ExportSize> {
  const first = await listPeople(db, actor, { ...filters, page: 1, pageSize: 1 });
  const total = first.total;
  const totalIsEstimate = "totalIsEstimate" in first && first.totalIsEstimate === true;
  if (!totalIsEstimate) return { total, totalIsEstimate, over: total > limit };
  if (total > 5 * limit) return { total, totalIsEstimate, over: true };
  const past = await listPeople(db, actor, { ...filters, page: limit + 1, pageSize: 1 });
  return { total, totalIsEstimate, over: past.rows.length > 0 };
}

const LIST_TITLE = "DANH SÁCH ĐẢNG VIÊN";

/**
 * The sheets of an export. At the top of the tree an official reads the country province by
 * province: one sheet per unit below the scope (the provinces, in the tree's order), after the
 * people recorded at the top unit itself; each is the province's list in list order (its own index
 * range). Below, one sheet "Đảng viên" in list order. A sheet past the row limit continues on
 * "… (2)" (streamWorkbook).
 */
async function exportParts(
  db: Executor,
  actor: Actor,
  scope: ExportScope,
  filters: PeopleExportFilters,
  count: () => Promise<void>,
): Promise<SheetPart<PersonColumn>[]> {
  const read = (query: PeopleExportFilters & { direct?: "true" }) =>
    (async function* () {
      for await (const row of peopleForExport(db, actor, query, Number.MAX_SAFE_INTEGER)) {
        await count();
        yield exportRow(row);
      }
    })();
  const base = { q: filters.q, status: filters.status };
  if (scope.depth > 0) {
    return [
      {
        sheetName: "Đảng viên",
        title: `${LIST_TITLE} – ${scope.name}`,
        rows: read({ ...base, unitId: scope.id }),
      },
    ];
  }
  const children = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(eq(units.parentId, scope.id))
    .orderBy(sql`${units.status} <> 'active'`, asc(units.sortKey), asc(units.id));
  return [
    {
      sheetName: scope.name,
      title: `${LIST_TITLE} – ${scope.name}`,
      rows: read({ ...base, unitId: scope.id, direct: "true" }),
    },
    ...children.map((child) => ({
      sheetName: child.name,
      title: `${LIST_TITLE} – ${child.name}`,
      rows: read({ ...base, unitId: child.id }),
    })),
  ];
}

const fileNameOf = (scope: ExportScope) => {
  const [y, m, d] = vnToday().split("-");
  const name = scope.name
    .replace(/[\\/:*?"<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return `Danh sách đảng viên - ${name} - ${d}-${m}-${y}.xlsx`;
};

export interface PeopleExportResult {
  url: string;
  fileId: string;
  fileName: string;
  size: number;
  rows: number;
  sheets: string[];
}

/**
 * The background export of a people list (POST /api/people/export-jobs): the workbook is streamed
 * to a file under DATA_DIR/tmp as the rows are read in keyset batches (bounded memory, each
 * statement short), progress being the rows written over the list's total; the file then moves
 * into the file store as the job's, with its audit row, and the user's older exports beyond the
 * last few are removed. The result names the download route, which only the job's owner may use.
 */
export interface PeopleExportInput {
  jobId: string;
  actor: Actor;
  scope: ExportScope;
  filters: PeopleExportFilters;
}

export async function exportPeopleToFile(
  deps: { db: Db; files: FileStore; config: Config },
  ctx: Ctx,
  input: PeopleExportInput,
  job: Pick<JobContext, "progress">,
): Promise<PeopleExportResult> {
  const { db, files, config } = deps;
  const { actor, scope, filters, jobId } = input;
  const { total } = await listPeople(db, actor, { ...filters, unitId: scope.id, page: 1, pageSize: 1 });
  let written = 0;
  // A small list reports too, about every hundredth of it.
  const every = Math.max(1, Math.min(PROGRESS_EVERY, Math.ceil(total / 100)));
  const count = async () => {
    written++;
    if (written % every === 0) await job.progress(Math.min(0.99, written / Math.max(total, written + 1)));
  };
  const sheets: string[] = [];
  const parts = await exportParts(db, actor, scope, filters, count);
  const tmpDir = path.join(config.dataDir, "tmp");
  await fs.promises.mkdir(tmpDir, { recursive: true });
  await removeStaleTemps(tmpDir);
  const temp = path.join(tmpDir, `people-export-${jobId}.xlsx`);
  const fileId = newId();
  const key = `${PEOPLE_EXPORT_OWNER}/${jobId}/${fileId}.xlsx`;
  try {
    await pipeline(
      streamWorkbook(personExportColumns, parts, {
        maxRowsPerSheet: config.EXPORT_SHEET_MAX_ROWS,
        onSheet: (name) => sheets.push(name),
      }),
      fs.createWriteStream(temp),
    );
    const { size } = await fs.promises.stat(temp);
    await files.putFile(key, temp, XLSX);
    const fileName = fileNameOf(scope);
    const stale = await db
      .transaction(async (tx) => {
        const previous = await tx
          .select()
          .from(storedFiles)
          .where(and(eq(storedFiles.ownerType, PEOPLE_EXPORT_OWNER), eq(storedFiles.createdBy, actor.userId)))
          .orderBy(desc(storedFiles.createdAt), desc(storedFiles.id));
        const stale: string[] = [];
        for (const old of previous.slice(KEEP_PER_USER - 1)) stale.push(...(await removeFile(tx, old)));
        await tx.insert(storedFiles).values({
          id: fileId,
          ownerType: PEOPLE_EXPORT_OWNER,
          ownerId: jobId,
          fileName,
          contentType: XLSX,
          kind: "document",
          size,
          storageKey: key,
          createdBy: actor.userId,
        });
        await recordAudit(tx, ctx, {
          event: "person.export",
          entityId: null,
          unitId: scope.id,
          before: null,
          after: {
            unitId: scope.id,
            q: filters.q ?? null,
            status: filters.status ?? null,
            rows: written,
            sheets: sheets.length,
            fileId,
            fileName,
            size,
          },
        });
        return stale;
      })
      .catch(async (error) => {
        await files.delete(key).catch(() => {});
        throw error;
      });
    await Promise.all(stale.map((k) => files.delete(k).catch(() => {})));
    await job.progress(1);
    return { url: exportFileUrl(jobId), fileId, fileName, size, rows: written, sheets };
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

/** Half-written files of exports a stopped server left behind (no export runs for a day). */
async function removeStaleTemps(dir: string) {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of await fs.promises.readdir(dir)) {
    if (!/^people-export-.*\.xlsx$/.test(name)) continue;
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < dayAgo) await fs.promises.rm(file, { force: true });
  }
}

/** The stored file of a people export, for its owner only (null: another user's, not done, or removed). */
export async function findExportFile(db: Executor, actor: Actor, jobId: string) {
  const [file] = await db
    .select()
    .from(storedFiles)
    .where(
      and(
        eq(storedFiles.ownerType, PEOPLE_EXPORT_OWNER),
        eq(storedFiles.ownerId, jobId),
        eq(storedFiles.createdBy, actor.userId),
      ),
    )
    .limit(1);
  return file ?? null;
}
