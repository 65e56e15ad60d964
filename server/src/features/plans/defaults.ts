import { AppError, ruleViolation } from "../../lib/errors.ts";
import { isoToVn } from "../../lib/official-document.ts";
import { termPattern } from "./contracts.ts";
import type { PlanKind } from "./schema.ts";

/** The longest committee term a whole-term plan may cover. */
const MAX_TERM_YEARS = 10;

/** The years a plan covers: a whole term ("2025–2030", written with an en dash) or one year. */
export function periodOf(kind: PlanKind, term: string | undefined, year: number | undefined) {
  if (kind === "annual") {
    if (year === undefined)
      throw new AppError("VALIDATION_FAILED", { details: [{ path: "body.year", message: "required" }] });
    return { term: null, startYear: year, endYear: year };
  }
  const match = term ? termPattern.exec(term) : null;
  if (!match)
    throw new AppError("VALIDATION_FAILED", { details: [{ path: "body.term", message: "required" }] });
  const startYear = Number(match[1]);
  const endYear = Number(match[2]);
  if (endYear <= startYear || endYear - startYear > MAX_TERM_YEARS)
    throw ruleViolation("body.term", "range", {
      vi: "Nhiệm kỳ phải có năm kết thúc sau năm bắt đầu, không quá 10 năm.",
      en: "A term ends after it starts, within 10 years.",
    });
  return { term: `${startYear}–${endYear}`, startYear, endYear };
}

/** "Học tập và làm theo…" → "học tập và làm theo…" (not "KH" → "kH"). */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]?.toLocaleLowerCase("vi") + s.slice(1) : s);

/** The opening paragraph of a plan derived from the parent's: what it carries out, and who plans. */
export function derivedPreamble(
  parent: { symbol: string | null; issuedOn: string | null; issuerName: string | null; summary: string },
  unitName: string,
) {
  const which = [
    parent.symbol ? `Kế hoạch số ${parent.symbol}` : "Kế hoạch",
    parent.issuedOn ? `ngày ${isoToVn(parent.issuedOn)}` : "",
    parent.issuerName ? `của ${parent.issuerName}` : "",
    parent.summary ? `về ${lowerFirst(parent.summary)}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return `Thực hiện ${which}, ${unitName} xây dựng kế hoạch thực hiện như sau:`;
}
