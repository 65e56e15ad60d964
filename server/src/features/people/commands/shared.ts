import { inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText, foldForSearch, vietnameseSortKey } from "../../../lib/vietnamese.ts";
import { type PersonStatus, personTransfers } from "../schema.ts";

export interface PersonFields {
  fullName: string;
  givenName?: string | null;
  gender?: "male" | "female" | null;
  birthDate?: string | null;
  joinedOn?: string | null;
  officialOn?: string | null;
  position?: string | null;
  status?: PersonStatus;
  statusOn?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Stored name fields: NFC text, the accent-free search text and the Vietnamese sort key. */
export function nameFields(fullName: string, givenName?: string | null) {
  const name = cleanText(fullName);
  const given = givenName ? cleanText(givenName) : null;
  return {
    fullName: name,
    givenName: given,
    searchText: foldForSearch(name),
    sortKey: vietnameseSortKey(name, given),
  };
}

export function checkDates(p: {
  birthDate?: string | null;
  joinedOn?: string | null;
  officialOn?: string | null;
  statusOn?: string | null;
}) {
  const problems: { path: string; message: string }[] = [];
  if (p.birthDate && p.joinedOn && p.joinedOn < p.birthDate)
    problems.push({ path: "body.joinedOn", message: "before birth" });
  if (p.joinedOn && p.officialOn && p.officialOn < p.joinedOn)
    problems.push({ path: "body.officialOn", message: "before joining" });
  if (p.joinedOn && p.statusOn && p.statusOn < p.joinedOn)
    problems.push({ path: "body.statusOn", message: "before joining" });
  if (problems.length) {
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Các ngày không hợp lý (ví dụ: ngày vào Đảng trước ngày sinh, ngày chính thức trước ngày vào Đảng).",
        en: "The dates are inconsistent (e.g. joined before birth, official before joining).",
      },
      details: problems,
    });
  }
}

export const transfersOf = (tx: Executor, personIds: string[]) =>
  personIds.length
    ? tx.select().from(personTransfers).where(inArray(personTransfers.personId, personIds))
    : Promise.resolve([]);
