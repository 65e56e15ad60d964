import type { Db } from "../../../db/client.ts";
import type { Actor } from "../../../lib/auth/actor.ts";
import type { Role } from "../../../lib/auth/roles.ts";
import { AppError } from "../../../lib/errors.ts";
import { findUnit } from "../../units/index.ts";
import { mayAssign } from "../policy.ts";
import type { UserRow } from "../schema.ts";

// What the account commands share: their refusals, the audited fields, the unit an account may go to.

export const unitOutOfScope = new AppError("RULE_VIOLATION", {
  message: {
    vi: "Đơn vị không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.",
    en: "The unit does not exist or lies outside your scope.",
  },
  details: [{ path: "body.unitId", message: "out_of_scope" }],
});
export const usernameTaken = new AppError("USERNAME_TAKEN", {
  details: [{ path: "body.username", message: "taken" }],
});
/** The same answer for a person who does not exist and one the creator may not read. */
export const personOutOfScope = new AppError("RULE_VIOLATION", {
  message: {
    vi: "Đảng viên không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.",
    en: "The person does not exist or lies outside your scope.",
  },
  details: [{ path: "body.personId", message: "out_of_scope" }],
});
export const personLinked = new AppError("RULE_VIOLATION", {
  message: { vi: "Đảng viên này đã có tài khoản.", en: "This person already has an account." },
  details: [{ path: "body.personId", message: "linked" }],
});

export const auditable = (u: UserRow) => {
  const { passwordHash: _p, lastLoginAt: _l, ...rest } = u;
  return rest;
};

export async function targetUnit(db: Db, actor: Actor, unitId: string, role: Role) {
  const unit = await findUnit(db, actor, unitId);
  if (!unit) throw unitOutOfScope;
  if (!mayAssign(actor, { role, unitPath: unit.path })) throw new AppError("FORBIDDEN");
  return unit;
}
