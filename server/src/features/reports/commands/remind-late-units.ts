import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import type { Locale } from "../../../lib/auth/roles.ts";
import type { EventBus } from "../../../lib/events.ts";
import type { Channels } from "../../notifications/index.ts";
import { deliverPending, notify } from "../../notifications/index.ts";
import { inSubtree } from "../counts.ts";
import type { ReportRequestRow } from "../schema.ts";

const BATCH = 500;
const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function lateMessage(locale: Locale, input: { title: string; dueOn: string; returned: boolean }) {
  if (locale === "en")
    return {
      title: `Reminder: report "${input.title}" is overdue`,
      body: input.returned
        ? `Your unit's report was returned for correction and is not resubmitted (due ${day(input.dueOn)}). Correct it and submit it.`
        : `Your unit's report was due on ${day(input.dueOn)} and has not been submitted. Write it and submit it.`,
    };
  return {
    title: `Nhắc nộp báo cáo quá hạn: ${input.title}`,
    body: input.returned
      ? `Báo cáo của đơn vị đã bị trả lại để hoàn thiện nhưng chưa gửi lại (hạn ${day(input.dueOn)}). Đồng chí hãy hoàn thiện và gửi.`
      : `Hạn nộp báo cáo là ngày ${day(input.dueOn)}, đơn vị chưa nộp. Đồng chí hãy hoàn thành và gửi báo cáo.`,
  };
}

interface LateRow {
  reportId: string;
  unitId: string;
  status: string;
  userId: string | null;
  locale: Locale | null;
}

/**
 * Reminds every late target of a request in a subtree: a report not submitted (not started, draft,
 * or returned and not resubmitted) after the due date. The officers of each such unit (its active
 * officer, leader, secretary and admin accounts) are notified in-app, and by e-mail (or the
 * webhook) when configured, after the batch commits. One reminder a unit a day: each batch claims
 * its reports by their reminder day in the WHERE, so a second click (or a second instance) sends
 * nothing new.
 */
export async function remindLateUnits(input: {
  db: Db;
  ctx: Ctx;
  request: ReportRequestRow;
  scopePath: string;
  today: string;
  channels?: Channels;
  publicUrl?: string | undefined;
  /** The event bus: the reminded officers' bells hear of it live. */
  events?: EventBus;
}) {
  const { db, request, today } = input;
  const result = { lateUnits: 0, notified: 0, alreadyReminded: 0, withoutAccount: 0 };
  if (request.status !== "open" || today <= request.dueOn) return result;
  const created: string[] = [];
  let after: string | null = null;
  for (;;) {
    const late: { reportId: string; unitId: string; status: string; remindedOn: string | null }[] = (
      (await db.execute(sql`
        select r.id as "reportId", r.unit_id as "unitId", r.status, r.last_reminded_on as "remindedOn"
        from reports r join units u on u.id = r.unit_id
        where r.request_id = ${request.id}::uuid and r.counted and r.role = 'target'
          and r.status in ('not_started', 'draft', 'returned') and ${inSubtree(sql`u.path`, input.scopePath)}
          ${after ? sql`and r.unit_id > ${after}::uuid` : sql``}
        order by r.unit_id
        limit ${BATCH}`)) as unknown as {
        rows: { reportId: string; unitId: string; status: string; remindedOn: string | null }[];
      }
    ).rows;
    if (!late.length) break;
    after = late.at(-1)?.unitId ?? null;
    result.lateUnits += late.length;
    const fresh = late.filter((l) => !l.remindedOn || String(l.remindedOn).slice(0, 10) < today);
    result.alreadyReminded += late.length - fresh.length;
    if (fresh.length) {
      const ids = await db.transaction(async (tx) => {
        // Claimed here: a report reminded meanwhile by another click is skipped.
        const claimed = (
          (await tx.execute(sql`
            update reports set last_reminded_on = ${today}::date
            where id = any(${sql.param(fresh.map((f) => f.reportId))}::uuid[])
              and (last_reminded_on is null or last_reminded_on < ${today}::date)
            returning id`)) as unknown as { rows: { id: string }[] }
        ).rows.map((r) => r.id);
        if (!claimed.length) return [];
        const recipients = (
          (await tx.execute(sql`
            select r.id as "reportId", r.unit_id as "unitId", r.status, us.id as "userId", us.locale
            from reports r
            left join users us on us.unit_id = r.unit_id and us.active
              and us.role in ('admin', 'officer', 'leader', 'secretary')
            where r.id = any(${sql.param(claimed)}::uuid[])`)) as unknown as { rows: LateRow[] }
        ).rows;
        const withAccount = new Set(recipients.filter((r) => r.userId).map((r) => r.reportId));
        result.withoutAccount += claimed.length - withAccount.size;
        const rows = await notify(
          tx,
          recipients.flatMap((r) =>
            r.userId
              ? [
                  {
                    userId: r.userId,
                    kind: "reminder.report",
                    unitId: r.unitId,
                    link: `/reports/${r.reportId}`,
                    ...lateMessage(r.locale ?? "vi", {
                      title: request.title,
                      dueOn: request.dueOn,
                      returned: r.status === "returned",
                    }),
                  },
                ]
              : [],
          ),
          input.channels ?? {},
          input.events,
        );
        return rows.map((n) => n.id);
      });
      result.notified += ids.length;
      created.push(...ids);
    }
    if (late.length < BATCH) break;
  }
  await db.transaction((tx) =>
    recordAudit(tx, input.ctx, {
      event: "report_request.remind",
      entityId: request.id,
      unitId: request.unitId,
      after: { scope: input.scopePath, today, ...result },
    }),
  );
  if (created.length && input.channels && Object.keys(input.channels).length)
    await deliverPending({
      db,
      channels: input.channels,
      publicUrl: input.publicUrl,
      ...(created.length <= 1000 ? { notificationIds: created } : {}),
    });
  return result;
}
