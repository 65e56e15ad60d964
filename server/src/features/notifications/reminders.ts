import { type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { newId } from "../../db/columns.ts";
import { type AuditEntry, recordAudit, recordAuditMany } from "../../lib/audit.ts";
import { type Ctx, systemCtx } from "../../lib/auth/actor.ts";
import type { Locale } from "../../lib/auth/roles.ts";
import type { EventBus } from "../../lib/events.ts";
import type { Channels } from "./channels.ts";
import { notify } from "./commands/notify.ts";
import { type DeliveryResult, deliverPending } from "./deliver.ts";
import { commitmentReminder, ratingsReminder } from "./messages.ts";
import { type ReminderKind, reminderSends } from "./schema.ts";

/** When no unit above sets a day, cells must have proposed their ratings by 15 December. */
export const defaultRatingsDue = (year: number) => `${year}-12-15`;
const BATCH = 500;

/** The ids of a materialised path ("/a/b/c/") as a uuid[] expression: the unit and its ancestors. */
const pathIds = (path: SQL) => sql`string_to_array(trim(both '/' from ${path}), '/')::uuid[]`;

interface Late {
  userId: string;
  locale: Locale;
  subjectId: string;
  unitId: string;
  /** The deadline or due day it is late against (YYYY-MM-DD). */
  due: string;
  hasDraft: boolean;
  cellName: string;
}

interface Scope {
  year: number;
  today: string;
  scopePath: string;
}

const notClosed = (year: number) => sql`not exists (
  select 1 from year_closures yc where yc.year = ${year} and yc.unit_id = any(${pathIds(sql`c.path`)}))`;

/**
 * Members late with their commitment: an active member with an active account, in a cell whose
 * nearest template of the year has a deadline before today, with no commitment or only a draft,
 * the year not closed. `fresh`: only those not yet reminded (else all, to count them).
 */
function lateMembers(s: Scope, fresh: boolean, after: string | null, limit: number | null) {
  return sql`
    select u.id as "userId", u.locale, p.id as "subjectId", c.id as "unitId", c.name as "cellName",
           tpl.deadline::text as due, (m.id is not null) as "hasDraft"
      from users u
      join people p on p.id = u.person_id and p.status = 'active'
      join units c on c.id = p.unit_id
      join lateral (
        select t.deadline from commitment_templates t join units tu on tu.id = t.unit_id
         where t.year = ${s.year} and t.unit_id = any(${pathIds(sql`c.path`)})
         order by tu.depth desc limit 1) tpl on true
      left join commitments m on m.person_id = p.id and m.year = ${s.year}
     where u.active and c.path like ${`${s.scopePath}%`}
       and tpl.deadline < ${s.today}::date
       and (m.id is null or m.status = 'draft')
       and ${notClosed(s.year)}
       ${fresh ? sql`and not exists (select 1 from reminder_sends r where r.kind = 'commitment' and r.year = ${s.year} and r.user_id = u.id and r.subject_id = p.id)` : sql``}
       ${after ? sql`and u.id > ${after}::uuid` : sql``}
     order by u.id
     ${limit ? sql`limit ${limit}` : sql``}`;
}

/**
 * Cells late with their ratings: the secretary's (active account) cell, active with active
 * members, whose sheet for the year is neither proposed nor confirmed after the due day (the
 * nearest setting up the tree, else 15 December), the year not closed.
 */
function lateCells(s: Scope, fresh: boolean, after: string | null, limit: number | null) {
  return sql`
    select u.id as "userId", u.locale, c.id as "subjectId", c.id as "unitId", c.name as "cellName",
           d.due::text as due, false as "hasDraft"
      from users u
      join units c on c.id = u.unit_id
      cross join lateral (
        select coalesce(
          (select s.ratings_due from reminder_settings s join units su on su.id = s.unit_id
            where s.year = ${s.year} and s.ratings_due is not null and s.unit_id = any(${pathIds(sql`c.path`)})
            order by su.depth desc limit 1),
          ${defaultRatingsDue(s.year)}::date) as due) d
     where u.active and u.role = 'secretary' and c.status = 'active' and c.path like ${`${s.scopePath}%`}
       and d.due < ${s.today}::date
       and exists (select 1 from people p where p.unit_id = c.id and p.status = 'active')
       and not exists (select 1 from rating_sheets rs where rs.unit_id = c.id and rs.year = ${s.year}
                         and rs.status in ('proposed', 'confirmed'))
       and ${notClosed(s.year)}
       ${fresh ? sql`and not exists (select 1 from reminder_sends r where r.kind = 'ratings' and r.year = ${s.year} and r.user_id = u.id and r.subject_id = c.id)` : sql``}
       ${after ? sql`and u.id > ${after}::uuid` : sql``}
     order by u.id
     ${limit ? sql`limit ${limit}` : sql``}`;
}

const finders: Record<ReminderKind, typeof lateMembers> = { commitment: lateMembers, ratings: lateCells };

const rowsOf = async <T>(db: Executor, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

function message(kind: ReminderKind, late: Late, year: number) {
  const text =
    kind === "commitment"
      ? commitmentReminder(late.locale, { year, deadline: late.due, hasDraft: late.hasDraft })
      : ratingsReminder(late.locale, { year, due: late.due, cellName: late.cellName });
  const link =
    kind === "commitment" ? "/commitment" : `/commitments?unit=${late.unitId}&tab=ratings&year=${year}`;
  return { ...text, link };
}

/**
 * One batch in one transaction: each send is claimed first (the unique key of kind, year, account
 * and subject: a send another run already made is skipped), then its notification and the
 * deliveries of the configured channels are written, and each send is audited.
 */
async function sendBatch(
  tx: Executor,
  ctx: Ctx,
  kind: ReminderKind,
  s: Scope,
  batch: Late[],
  channels: Channels,
  bus: EventBus | undefined,
): Promise<string[]> {
  const planned = batch.map((late) => ({ late, notificationId: newId() }));
  const claimed = await tx
    .insert(reminderSends)
    .values(
      planned.map(({ late, notificationId }) => ({
        kind,
        year: s.year,
        userId: late.userId,
        subjectId: late.subjectId,
        unitId: late.unitId,
        notificationId,
        on: s.today,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: reminderSends.id, notificationId: reminderSends.notificationId });
  const mine = new Set(claimed.map((c) => c.notificationId));
  const sending = planned.filter((p) => mine.has(p.notificationId));
  if (sending.length === 0) return [];
  await notify(
    tx,
    sending.map(({ late, notificationId }) => ({
      id: notificationId,
      userId: late.userId,
      kind: `reminder.${kind}`,
      unitId: late.unitId,
      ...message(kind, late, s.year),
    })),
    channels,
    bus,
  );
  const sendIds = new Map(claimed.map((c) => [c.notificationId, c.id]));
  const events: AuditEntry[] = sending.map(({ late, notificationId }) => ({
    event: "reminder.send",
    entityId: sendIds.get(notificationId) ?? null,
    unitId: late.unitId,
    after: {
      kind,
      year: s.year,
      userId: late.userId,
      subjectId: late.subjectId,
      due: late.due,
      notificationId,
      channels: ["in-app", ...Object.keys(channels)],
    },
  }));
  await recordAuditMany(tx, ctx, events);
  return sending.map((p) => p.notificationId);
}

export interface ReminderCounts {
  /** Late now (reminded before or not). */
  late: number;
  /** Reminded by this run. */
  sent: number;
}
export interface ReminderRun {
  year: number;
  today: string;
  commitment: ReminderCounts;
  ratings: ReminderCounts;
  deliveries: DeliveryResult;
}

/**
 * Finds who is late and notifies each once per kind and year: members without a submitted
 * commitment after their template's deadline, and secretaries whose cell has not proposed its
 * ratings by the due day. A second run sends nothing new (the sends are keyed). `scopePath`
 * limits the run to a subtree (an officer's "remind now"); external deliveries (e-mail, webhook)
 * go out after the batches commit when channels are given.
 */
export async function sendReminders(input: {
  db: Db;
  today: string;
  year?: number;
  scopePath?: string;
  ctx?: Ctx;
  channels?: Channels;
  publicUrl?: string | undefined;
  /** The event bus: each reminded account's bell hears of it live. */
  events?: EventBus;
}): Promise<ReminderRun> {
  const { db, today } = input;
  const ctx = input.ctx ?? systemCtx();
  const channels = input.channels ?? {};
  const s: Scope = {
    year: input.year ?? Number(today.slice(0, 4)),
    today,
    scopePath: input.scopePath ?? "/",
  };
  const run: ReminderRun = {
    year: s.year,
    today,
    commitment: { late: 0, sent: 0 },
    ratings: { late: 0, sent: 0 },
    deliveries: { sent: 0, failed: 0 },
  };
  const created: string[] = [];
  for (const kind of ["commitment", "ratings"] as const) {
    const find = finders[kind];
    let after: string | null = null;
    for (;;) {
      const batch: Late[] = await rowsOf<Late>(db, find(s, true, after, BATCH));
      if (batch.length === 0) break;
      after = batch.at(-1)?.userId ?? null;
      const ids = await db.transaction((tx) => sendBatch(tx, ctx, kind, s, batch, channels, input.events));
      run[kind].sent += ids.length;
      created.push(...ids);
      if (batch.length < BATCH) break;
    }
    const [count] = await rowsOf<{ n: number }>(
      db,
      sql`select count(*)::int as n from (${find(s, false, null, null)}) late`,
    );
    run[kind].late = count?.n ?? 0;
  }
  await db.transaction((tx) =>
    recordAudit(tx, ctx, {
      event: "reminder.run",
      entityId: null,
      after: {
        year: s.year,
        today,
        scope: s.scopePath,
        commitment: run.commitment,
        ratings: run.ratings,
      },
    }),
  );
  if (created.length > 0 && Object.keys(channels).length > 0)
    run.deliveries = await deliverPending({
      db,
      channels,
      publicUrl: input.publicUrl,
      // A large run sends the whole outbox (an id list that long is no use as a filter).
      ...(created.length <= 1000 ? { notificationIds: created } : {}),
    });
  return run;
}
