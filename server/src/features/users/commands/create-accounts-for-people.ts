import { and, asc, eq, inArray, isNull, like, sql } from "drizzle-orm";
import type { Db, Executor } from "../../../db/client.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import { hashPassword, oneTimePassword } from "../../../lib/auth/secrets.ts";
import { recordChanges } from "../../../lib/command.ts";
import { isUniqueViolation } from "../../../lib/db-errors.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { scopeFilter } from "../../../lib/policy.ts";
import { foldForSearch } from "../../../lib/vietnamese.ts";
import { personPolicy, personReadWhere } from "../../people/index.ts";
import { people } from "../../people/schema.ts";
import { findUnit } from "../../units/index.ts";
import { type UnitRow, units } from "../../units/schema.ts";
import { MAX_BULK_ACCOUNTS } from "../contracts.ts";
import { mayAssign } from "../policy.ts";
import { type UserRow, users } from "../schema.ts";
import { auditable } from "./shared.ts";

const BASE_LENGTH = 40;

/**
 * The username a person's account gets: the full name folded to ASCII letters and digits
 * ("Nguyễn Văn An" → "nguyenvanan"); a name too short for a username gets a prefix.
 */
export function usernameBase(fullName: string): string {
  const folded = foldForSearch(fullName)
    .replace(/[^a-z0-9]/g, "")
    .slice(0, BASE_LENGTH);
  return folded.length >= 3 ? folded : `dangvien${folded}`;
}

/** The first free username of `base`, `base2`, `base3`…; marks it taken. */
export function freeUsername(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

const outOfScope = (path: string) =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: "Đơn vị hoặc đảng viên không tồn tại, hoặc nằm ngoài phạm vi quản lý của bạn.",
      en: "The unit or person does not exist or lies outside your scope.",
    },
    details: [{ path, message: "out_of_scope" }],
  });

/**
 * The people the actor reads in their own subtree, by the people module's own rule (its
 * `findPerson` applies the same two conditions): only those may be linked to an account.
 */
const readablePeople = (actor: Actor) => [
  scopeFilter(actor, personPolicy.visibility, units.path),
  personReadWhere(actor),
];

/** Active people of the unit's subtree who have no account (of `personIds` only, when given), by unit then name. */
function eligible(db: Executor, actor: Actor, unit: UnitRow, personIds: string[] | undefined) {
  return db
    .select({
      personId: people.id,
      fullName: people.fullName,
      unitId: people.unitId,
      unitName: units.name,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(users, eq(users.personId, people.id))
    .where(
      and(
        like(units.path, `${unit.path}%`),
        ...readablePeople(actor),
        eq(people.status, "active"),
        isNull(users.id),
        personIds ? inArray(people.id, personIds) : undefined,
      ),
    )
    .orderBy(asc(units.sortKey), asc(units.id), asc(people.sortKey), asc(people.id));
}

/**
 * The unit whose people get accounts, checked: visible to the actor, who must be allowed to give
 * member accounts there; and every listed person must be one of its subtree's people.
 */
async function target(db: Db, actor: Actor, input: { unitId: string; personIds?: string[] | undefined }) {
  const unit = await findUnit(db, actor, input.unitId);
  if (!unit) throw outOfScope("body.unitId");
  if (!mayAssign(actor, { role: "member", unitPath: unit.path })) throw new AppError("FORBIDDEN");
  if (input.personIds) {
    const ids = [...new Set(input.personIds)];
    const found = await db
      .select({ id: people.id })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(inArray(people.id, ids), like(units.path, `${unit.path}%`), ...readablePeople(actor)));
    const known = new Set(found.map((f) => f.id));
    const index = input.personIds.findIndex((id) => !known.has(id));
    if (index >= 0) throw outOfScope(`body.personIds.${index}`);
  }
  return unit;
}

/** Dry run: how many people would get an account. */
export async function previewAccountsForPeople(input: {
  db: Db;
  actor: Actor;
  unitId: string;
  personIds?: string[] | undefined;
}) {
  const unit = await target(input.db, input.actor, input);
  const rows = await eligible(input.db, input.actor, unit, input.personIds);
  return { count: rows.length, max: MAX_BULK_ACCOUNTS };
}

/** Runs `task` over `items`, `concurrency` at a time (password hashing: a core each). */
async function mapLimited<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * Creates a member account for each active person of the unit's subtree who has none: in the
 * person's unit, linked to the person, a username from the folded name, a one-time password to
 * change at first login. One transaction, an audit entry per account. The passwords are answered
 * once and stored only hashed.
 */
export async function createAccountsForPeople(input: {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  unitId: string;
  personIds?: string[] | undefined;
  /** The most accounts made at once (tests lower it). */
  max?: number;
}) {
  const { db, ctx, actor } = input;
  const max = input.max ?? MAX_BULK_ACCOUNTS;
  const unit = await target(db, actor, input);
  const planned = await eligible(db, actor, unit, input.personIds);
  if (planned.length > max) {
    throw ruleViolation("body.unitId", "too_many", {
      vi: `Có ${planned.length} đảng viên chưa có tài khoản, nhiều hơn mức ${max} mỗi lần tạo: hãy chọn một đơn vị nhỏ hơn.`,
      en: `${planned.length} people have no account, more than the ${max} made at once: choose a smaller unit.`,
    });
  }
  if (!planned.length) return { items: [] };
  // Hashing is slow on purpose: done before the transaction, which stays short.
  const secrets = await mapLimited(planned, 2, async (p) => {
    const password = oneTimePassword();
    return { personId: p.personId, password, hash: await hashPassword(password) };
  });
  const secretOf = new Map(secrets.map((s) => [s.personId, s]));
  try {
    return await db.transaction(async (tx) => {
      // Lock the people, then read them again: a run at the same time, a transfer or a departure
      // since the plan was made must not give anyone two accounts or an account in the wrong unit.
      const ids = planned.map((p) => p.personId);
      const current = new Map<
        string,
        { unitId: string; unitName: string; unitPath: string; status: string }
      >();
      for (let i = 0; i < ids.length; i += 1000) {
        const rows = await tx
          .select({
            id: people.id,
            unitId: people.unitId,
            status: people.status,
            unitName: units.name,
            unitPath: units.path,
          })
          .from(people)
          .innerJoin(units, eq(units.id, people.unitId))
          .where(inArray(people.id, ids.slice(i, i + 1000)))
          .for("update", { of: people });
        for (const r of rows) current.set(r.id, r);
      }
      const linked = new Set(
        (await tx.select({ personId: users.personId }).from(users).where(inArray(users.personId, ids))).map(
          (u) => u.personId,
        ),
      );
      const ready = planned.flatMap((p) => {
        const now = current.get(p.personId);
        const ok =
          now && now.status === "active" && now.unitPath.startsWith(unit.path) && !linked.has(p.personId);
        return ok ? [{ ...p, unitId: now.unitId, unitName: now.unitName }] : [];
      });
      const bases = [...new Set(ready.map((p) => usernameBase(p.fullName)))];
      const taken = new Set<string>();
      for (let i = 0; i < bases.length; i += 1000) {
        const patterns = bases.slice(i, i + 1000).map((b) => `${b}%`);
        const rows = await tx
          .select({ username: users.username })
          .from(users)
          .where(sql`${users.username} like any(${sql.param(patterns)}::text[])`);
        for (const r of rows) taken.add(r.username);
      }
      const items = ready.map((p) => ({
        personId: p.personId,
        fullName: p.fullName,
        unitId: p.unitId,
        unitName: p.unitName,
        username: freeUsername(usernameBase(p.fullName), taken),
      }));
      const created: UserRow[] = [];
      for (let i = 0; i < items.length; i += 500) {
        created.push(
          ...(await tx
            .insert(users)
            .values(
              items.slice(i, i + 500).map((item) => ({
                username: item.username,
                displayName: item.fullName,
                role: "member" as const,
                unitId: item.unitId,
                personId: item.personId,
                passwordHash: secretOf.get(item.personId)?.hash ?? "",
                mustChangePassword: true,
                createdBy: actor.userId,
                updatedBy: actor.userId,
              })),
            )
            .returning()),
        );
      }
      await recordChanges({ tx, ctx }, "user.bulk_create", created, (row) => ({
        before: null,
        after: auditable(row),
      }));
      return {
        items: items.map((item) => ({
          personId: item.personId,
          fullName: item.fullName,
          unitName: item.unitName,
          username: item.username,
          oneTimePassword: secretOf.get(item.personId)?.password ?? "",
        })),
      };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (!isUniqueViolation(error, "users_username_key")) {
      // One of the people was given an account meanwhile: nothing was stored; a new try skips them.
      throw ruleViolation("body.personIds", "linked", {
        vi: "Một đảng viên vừa được tạo tài khoản ở nơi khác: chưa tạo tài khoản nào, hãy thử lại.",
        en: "One of the people was just given an account elsewhere: nothing was created, try again.",
      });
    }
    // Another account took one of the usernames meanwhile: nothing was stored; a new try picks others.
    throw new AppError("USERNAME_TAKEN", {
      message: {
        vi: "Một tên đăng nhập vừa được dùng cho tài khoản khác: chưa tạo tài khoản nào, hãy thử lại.",
        en: "A username was just taken by another account: nothing was created, try again.",
      },
    });
  }
}
