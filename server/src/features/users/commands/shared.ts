import type { Db } from "../../../db/client.ts";
import type { Actor } from "../../../lib/auth/actor.ts";
import type { Role } from "../../../lib/auth/roles.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { findUnit } from "../../units/index.ts";
import { mayAssign } from "../policy.ts";
import type { UserRow } from "../schema.ts";

// What the account commands share: their refusals, the audited fields, the unit an account may go to.

export const unitOutOfScope = ruleViolation("body.unitId", "out_of_scope", {
  vi: "Đơn vị không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.",
  en: "The unit does not exist or lies outside your scope.",
});
export const usernameTaken = new AppError("USERNAME_TAKEN", {
  details: [{ path: "body.username", message: "taken" }],
});
/** The same answer for a person who does not exist and one the creator may not read. */
export const personOutOfScope = ruleViolation("body.personId", "out_of_scope", {
  vi: "Đảng viên không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.",
  en: "The person does not exist or lies outside your scope.",
});
export const personLinked = ruleViolation("body.personId", "linked", {
  vi: "Đảng viên này đã có tài khoản.",
  en: "This person already has an account.",
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
