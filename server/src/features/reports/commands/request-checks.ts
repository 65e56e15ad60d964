import { sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { metricDefinitions } from "../../figures/index.ts";
import { units } from "../../units/schema.ts";
import { inSubtree } from "../counts.ts";
import type { ManualMetric, RequestKind, TargetSpec } from "../schema.ts";

/** What the request and schedule commands share: their input, its checks, the database's UUIDv7. */

/** A UUIDv7 made by the database (time-ordered like the application's ids): for set-based inserts. */
export const uuidv7Sql = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

export interface RequestInput {
  title: string;
  kind: RequestKind;
  reviewYears?: number | undefined;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  targets: TargetSpec;
  sections?: { key?: string | undefined; title: string }[] | undefined;
  metrics: string[];
  manualMetrics: { key: string; label: string; unit?: string | null | undefined }[];
  instructions: string;
}

export const refused = (vi: string, en: string, details: { path: string; message: string }[]): never => {
  throw new AppError("RULE_VIOLATION", { message: { vi, en }, details });
};

/** The chosen metrics must be keys of the registry (what the modules register). */
export function checkMetrics(metrics: string[], path = "body.metrics") {
  const known = new Set(metricDefinitions().map((d) => d.key));
  const unknown = metrics.flatMap((m, i) =>
    known.has(m) ? [] : [{ path: `${path}.${i}`, message: "unknown" }],
  );
  if (unknown.length)
    refused(
      "Có chỉ tiêu không có trong danh mục chỉ tiêu của hệ thống.",
      "Some metrics are not in the system's registry.",
      unknown,
    );
}

export const manualMetricsOf = (input: RequestInput["manualMetrics"]): ManualMetric[] =>
  input.map((m) => ({ key: m.key, label: cleanText(m.label), unit: m.unit ? cleanText(m.unit) : null }));

/**
 * Hand-picked targets must be open units below the requesting unit (its subtree, itself excluded):
 * 422 naming each one that is not — a unit of another province reads like an unknown one. Requests
 * and the schedules that will create them check the same way.
 */
export async function checkPickedTargets(
  tx: Executor,
  requester: { id: string; path: string },
  targets: TargetSpec,
) {
  if (!("unitIds" in targets)) return;
  const found = await tx
    .select({ id: units.id })
    .from(units)
    .where(
      sql`${units.id} = any(${sql.param(targets.unitIds)}::uuid[]) and ${inSubtree(units.path, requester.path)}
          and ${units.status} = 'active' and ${units.id} <> ${requester.id}::uuid`,
    );
  const ok = new Set(found.map((f) => f.id));
  const bad = targets.unitIds.flatMap((id, i) =>
    ok.has(id) ? [] : [{ path: `body.targets.unitIds.${i}`, message: "not_below" }],
  );
  if (bad.length)
    refused(
      "Đơn vị được chọn phải là đơn vị đang hoạt động thuộc quyền của đơn vị yêu cầu báo cáo.",
      "Each unit picked must be an open unit below the requesting unit.",
      bad,
    );
}
