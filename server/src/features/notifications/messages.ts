import type { Locale } from "../../lib/auth/roles.ts";

/** dd/mm/yyyy, as dates read in Vietnamese (and in this app's English, which keeps the same order). */
const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export interface Text {
  title: string;
  body: string;
}

/** A member late with their yearly commitment (none, or still a draft, after the template's deadline). */
export function commitmentReminder(
  locale: Locale,
  input: { year: number; deadline: string; hasDraft: boolean },
): Text {
  if (locale === "en")
    return {
      title: `Reminder: submit your ${input.year} commitment`,
      body: input.hasDraft
        ? `The ${input.year} commitments were due on ${day(input.deadline)}. Yours is still a draft: finish it and press "Submit".`
        : `The ${input.year} commitments were due on ${day(input.deadline)}. Yours has not been written yet: write and submit it.`,
    };
  return {
    title: `Nhắc nộp bản cam kết năm ${input.year}`,
    body: input.hasDraft
      ? `Hạn nộp bản cam kết năm ${input.year} là ngày ${day(input.deadline)}. Bản cam kết của đồng chí vẫn là bản nháp: đồng chí hãy hoàn thành và bấm "Nộp".`
      : `Hạn nộp bản cam kết năm ${input.year} là ngày ${day(input.deadline)}. Đồng chí chưa viết bản cam kết: đồng chí hãy viết và nộp.`,
  };
}

/** A cell secretary whose cell has not proposed its members' grades by the due day. */
export function ratingsReminder(
  locale: Locale,
  input: { year: number; due: string; cellName: string },
): Text {
  if (locale === "en")
    return {
      title: `Reminder: propose the ${input.year} grades of your cell`,
      body: `${input.cellName} has not proposed its members' ${input.year} grades (due ${day(input.due)}). Enter the whole cell's grades and save them.`,
    };
  return {
    title: `Nhắc đề xuất xếp loại đảng viên năm ${input.year}`,
    body: `${input.cellName} chưa đề xuất xếp loại đảng viên năm ${input.year} (hạn ${day(input.due)}). Đồng chí hãy nhập xếp loại của cả chi bộ và lưu.`,
  };
}
