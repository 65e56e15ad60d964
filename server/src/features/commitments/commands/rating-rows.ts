import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { AppError } from "../../../lib/errors.ts";
import { type Grade, ratingSheets } from "../schema.ts";

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
export function checkRows(rows: RatingInput[], members: Map<string, string>) {
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
export const rowsInvalid = (problems: ReturnType<typeof checkRows>) =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: "Có dòng xếp loại không hợp lệ: chưa lưu dòng nào. Hãy sửa các dòng được chỉ ra rồi lưu lại.",
      en: "Some rows are invalid: nothing was saved. Fix the rows listed and save again.",
    },
    details: { rows: problems },
  });

/** Takes the sheet for writing, guarded by the version read: 409 if it moved on or is confirmed. */
export async function takeSheet(
  tx: Executor,
  cellId: string,
  year: number,
  version: number,
  allowed: string[],
) {
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
