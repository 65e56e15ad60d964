import { and, asc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { AppError, ruleViolation } from "../../lib/errors.ts";
import { pathIds } from "../figures/index.ts";
import { unitKinds, units } from "../units/schema.ts";
import { type CommendationFormRow, commendationForms, type RecipientKind } from "./schema.ts";
import { ancestorsOf } from "./steps.ts";

/**
 * The catalogue of forms as a unit sees it: the national definitions, replaced code by code by
 * those of the unit's ancestors (the nearest wins) and its own. An inactive definition hides its
 * code from the subtree it applies to.
 */
export interface FormWithOwner {
  form: CommendationFormRow;
  ownerName: string | null;
  ownerPath: string | null;
}

const owner = units;

const selectForms = (db: Executor, where: SQL | undefined) =>
  db
    .select({ form: commendationForms, ownerName: owner.name, ownerPath: owner.path })
    .from(commendationForms)
    .leftJoin(owner, eq(owner.id, commendationForms.unitId))
    .where(where)
    .orderBy(asc(commendationForms.rank), asc(commendationForms.code), asc(owner.depth));

/** The definitions that apply to a unit: national, its ancestors' and its own, deepest last. */
export async function definitionsFor(db: Executor, unitPath: string): Promise<FormWithOwner[]> {
  const rows = await selectForms(
    db,
    or(isNull(commendationForms.unitId), inArray(commendationForms.unitId, pathIds(unitPath))),
  );
  const depth = (r: FormWithOwner) => (r.ownerPath ? pathIds(r.ownerPath).length : 0);
  return rows.sort((a, b) => depth(a) - depth(b));
}

/** The effective catalogue of a unit: one definition per code (the nearest), active ones unless asked. */
export async function effectiveForms(
  db: Executor,
  unitPath: string,
  options: { includeInactive?: boolean } = {},
): Promise<FormWithOwner[]> {
  const byCode = new Map<string, FormWithOwner>();
  for (const row of await definitionsFor(db, unitPath)) byCode.set(row.form.code, row);
  return [...byCode.values()]
    .filter((r) => options.includeInactive || r.form.active)
    .sort((a, b) => a.form.rank - b.form.rank || a.form.code.localeCompare(b.form.code));
}

/** The definition of a form code that applies to a unit, or null (unknown or inactive there). */
export async function effectiveForm(db: Executor, unitPath: string, code: string) {
  return (await effectiveForms(db, unitPath)).find((r) => r.form.code === code)?.form ?? null;
}

/** Every definition the actor may see: national, its ancestors', its own and its subtree's. */
export function visibleForms(db: Executor, actor: Actor) {
  return selectForms(
    db,
    or(
      isNull(commendationForms.unitId),
      sql`${owner.path} like ${`${actor.unitPath}%`}`,
      sql`${actor.unitPath} like ${owner.path} || '%'`,
    ),
  );
}

export async function findForm(db: Executor, actor: Actor, id: string) {
  const rows = await selectForms(
    db,
    and(
      eq(commendationForms.id, id),
      or(
        isNull(commendationForms.unitId),
        sql`${owner.path} like ${`${actor.unitPath}%`}`,
        sql`${actor.unitPath} like ${owner.path} || '%'`,
      ),
    ),
  );
  return rows[0] ?? null;
}

/** A unit's kind code (null for a unit without a kind). */
export async function unitKindCode(db: Executor, unitId: string): Promise<string | null> {
  const [row] = await db
    .select({ code: unitKinds.code })
    .from(units)
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .where(eq(units.id, unitId));
  return row?.code ?? null;
}

/** May a unit of this kind issue the form (under the definition that applies to it)? */
export const entitled = (
  form: Pick<CommendationFormRow, "issuerKinds" | "active">,
  kindCode: string | null,
) => form.active && kindCode !== null && form.issuerKinds.includes(kindCode);

export const notEntitled = (formName: string) =>
  ruleViolation("formId", "not_entitled", {
    vi: `Đơn vị không có thẩm quyền ban hành hình thức “${formName}”: hãy chuyển lên cấp trên.`,
    en: `This unit may not issue “${formName}”: forward it up the chain.`,
  });

/** Checks that a form may be given to these kinds of recipients (a banner to collectives, a badge to people). */
export function checkRecipientKinds(form: CommendationFormRow, kinds: Iterable<RecipientKind>) {
  const wrong = [...new Set(kinds)].filter((k) => !form.recipientKinds.includes(k));
  if (wrong.length)
    throw ruleViolation("body.recipients", "form_kind", {
      vi: `Hình thức “${form.name}” không dành cho ${wrong.includes("collective") ? "tập thể" : "cá nhân"}.`,
      en: `“${form.nameEn}” is not given to ${wrong.includes("collective") ? "collectives" : "individuals"}.`,
    });
}

/**
 * Where a proposal of this form from a unit would be decided: the nearest unit above it entitled to
 * issue the form under the definition that applies there, with that definition; null if none is.
 */
export async function expectedIssuer(db: Executor, unitPath: string, code: string) {
  const definitions = (await definitionsFor(db, unitPath)).filter((d) => d.form.code === code);
  for (const unit of await ancestorsOf(db, unitPath)) {
    const applies = definitions
      .filter((d) => d.ownerPath === null || unit.path.startsWith(d.ownerPath))
      .at(-1);
    if (applies && entitled(applies.form, unit.kindCode)) return { unit, form: applies.form };
  }
  return null;
}

/**
 * For each form code, where a proposal from a unit would be decided (see `expectedIssuer`), the
 * definitions and the chain above read once for the whole catalogue.
 */
export async function issuersAbove(db: Executor, unitPath: string) {
  const [definitions, ancestors] = await Promise.all([
    definitionsFor(db, unitPath),
    ancestorsOf(db, unitPath),
  ]);
  const issuers = new Map<string, { id: string; name: string }>();
  for (const code of new Set(definitions.map((d) => d.form.code))) {
    const own = definitions.filter((d) => d.form.code === code);
    for (const unit of ancestors) {
      const applies = own.filter((d) => d.ownerPath === null || unit.path.startsWith(d.ownerPath)).at(-1);
      if (applies && entitled(applies.form, unit.kindCode)) {
        issuers.set(code, { id: unit.id, name: unit.name });
        break;
      }
    }
  }
  return issuers;
}

/** Unit kind codes must name configured kinds. */
export async function checkIssuerKinds(tx: Executor, codes: string[]) {
  const known = new Set((await tx.select({ code: unitKinds.code }).from(unitKinds)).map((k) => k.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: `Loại đơn vị không có trong danh mục: ${unknown.join(", ")}.`,
        en: `Unknown unit kinds: ${unknown.join(", ")}.`,
      },
      details: unknown.map((c) => ({ path: "body.issuerKinds", message: c })),
    });
  return [...new Set(codes)];
}
