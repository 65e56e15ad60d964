import { ruleViolation } from "../../lib/errors.ts";

/** The longest period a proposal may cover (a term and a bit). */
const MAX_PERIOD_YEARS = 10;

/** "2025", or "2016–2020" (an en dash). */
export const periodLabel = (start: number, end: number) =>
  start === end ? String(start) : `${start}–${end}`;
/** "năm 2025", "giai đoạn 2016–2020". */
export const periodPhrase = (start: number, end: number) =>
  start === end ? `năm ${start}` : `giai đoạn ${periodLabel(start, end)}`;

export function checkPeriod(start: number, end: number) {
  if (end < start || end - start > MAX_PERIOD_YEARS)
    throw ruleViolation("body.periodEnd", "range", {
      vi: "Thời kỳ khen thưởng phải có năm kết thúc không trước năm bắt đầu, không quá 10 năm.",
      en: "The period ends no earlier than it starts, within 10 years.",
    });
}

const CAMPAIGN = "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh";

/** What a decision drafted from a proposal says until the issuing unit edits it. */
export function draftContent(input: {
  formName: string;
  periodStart: number;
  periodEnd: number;
  reason: string;
  proposerName: string;
  issuer: { name: string; kindCode: string | null; parentName: string | null };
}) {
  const when = periodPhrase(input.periodStart, input.periodEnd);
  const isCell = input.issuer.kindCode === "cell";
  return {
    summary: `Về việc tặng ${input.formName} cho các tập thể, cá nhân có thành tích tiêu biểu trong ${CAMPAIGN} ${when}`,
    preamble: [
      "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
      "Căn cứ Quy định số 232-QĐ/TW năm 2025 của Ban Chấp hành Trung ương;",
      "Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh;",
      `Xét đề nghị của ${input.proposerName},`,
    ].join("\n"),
    reason: input.reason.trim() || `đã có thành tích tiêu biểu trong ${CAMPAIGN} ${when}`,
    recipientsText: [
      "- Như Điều 2,",
      ...(input.issuer.parentName ? [`- ${input.issuer.parentName} (để báo cáo),`] : []),
      isCell ? "- Lưu hồ sơ chi bộ." : "- Lưu Văn phòng cấp ủy.",
    ].join("\n"),
    signerAuthority: isCell ? "T/M CHI BỘ" : "T/M BAN THƯỜNG VỤ",
    signerTitle: "BÍ THƯ",
  };
}
