import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, id, ref, timestamps, version } from "../../db/columns.ts";
import { locales, roles } from "../../lib/auth/roles.ts";
import { units } from "../units/schema.ts";

/** Tài khoản — a login account; scoped by its unit and its role. */
export const users = pgTable(
  "users",
  {
    id: id(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: roles }).notNull(),
    unitId: ref("unit_id", () => units.id),
    /** The person this account belongs to: at most one account per person. */
    personId: uuid("person_id"),
    active: boolean("active").notNull().default(true),
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    locale: text("locale", { enum: locales }).notNull().default("vi"),
    /** A member may hold API tokens only when an administrator allows it (other roles always may). */
    apiTokensAllowed: boolean("api_tokens_allowed").notNull().default(false),
    lastLoginAt: at("last_login_at"),
    passwordChangedAt: at("password_changed_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex("users_username_key").on(t.username),
    uniqueIndex("users_person_id_key").on(t.personId).where(sql`${t.personId} is not null`),
    index("users_unit_idx").on(t.unitId),
    check("users_role_check", sql`${t.role} in ('admin','officer','leader','secretary','member')`),
  ],
);

export type UserRow = typeof users.$inferSelect;
