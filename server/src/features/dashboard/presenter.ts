import type { Lang } from "../../lib/errors.ts";
import { adminAreaByCode } from "../admin-areas/index.ts";
import { labelOf, type MetricDefinition } from "../figures/index.ts";
import type { DashboardResponse } from "./contracts.ts";
import type { dashboardData } from "./queries.ts";

type Figures = NonNullable<Awaited<ReturnType<typeof dashboardData>>>;

/** Modules in the order the campaign works (plan, study, commit, do and show, commend); others after. */
const MODULE_ORDER = [
  "units",
  "people",
  "plans",
  "topics",
  "commitments",
  "practices",
  "exemplars",
  "commendations",
];
const moduleOf = (key: string) => key.split(".")[0] ?? key;
const moduleRank = (module: string) => {
  const i = MODULE_ORDER.indexOf(module);
  return i < 0 ? MODULE_ORDER.length : i;
};

const isProvince = (code: string | null) => !!code && adminAreaByCode(code)?.level === "province";

/** The registered metrics' keys grouped by module: each metric's own key and its breakdown parts. */
function presentGroups(
  computed: { definition: MetricDefinition; values: Record<string, number> }[],
): DashboardResponse["groups"] {
  const groups = new Map<string, DashboardResponse["groups"][number]>();
  for (const { definition, values } of computed) {
    const module = moduleOf(definition.key);
    let group = groups.get(module);
    if (!group) {
      group = { module, metrics: [] };
      groups.set(module, group);
    }
    group.metrics.push({
      key: definition.key,
      parts: Object.keys(values).filter((key) => key !== definition.key),
    });
  }
  return [...groups.values()].sort(
    (a, b) => moduleRank(a.module) - moduleRank(b.module) || a.module.localeCompare(b.module),
  );
}

/** Models and exemplars by field code, from the `*.field.*` and `*.recognisedField.*` figures. */
function presentFields(metrics: Record<string, number>): DashboardResponse["fields"] {
  const rows = new Map<string, DashboardResponse["fields"][number]>();
  const columns = [
    ["practices.field.", "practices"],
    ["practices.recognisedField.", "practicesRecognised"],
    ["exemplars.field.", "exemplars"],
    ["exemplars.recognisedField.", "exemplarsRecognised"],
  ] as const;
  for (const [key, value] of Object.entries(metrics)) {
    for (const [prefix, column] of columns) {
      if (!key.startsWith(prefix)) continue;
      const code = key.slice(prefix.length);
      const row = rows.get(code) ?? {
        code,
        practices: 0,
        practicesRecognised: 0,
        exemplars: 0,
        exemplarsRecognised: 0,
      };
      row[column] = value;
      rows.set(code, row);
    }
  }
  return [...rows.values()]
    .filter((r) => r.practices || r.practicesRecognised || r.exemplars || r.exemplarsRecognised)
    .sort((a, b) => b.practices + b.exemplars - (a.practices + a.exemplars) || a.code.localeCompare(b.code));
}

/** The dashboard's answer: figures, labels, groups, trend, breakdowns and the map's values. */
export function presentDashboard(input: { year: number; lang: Lang }, figures: Figures): DashboardResponse {
  const { lang } = input;
  const { unit } = figures;
  const { current, period } = figures;
  // Each value's label: its definition's own for the key (a breakdown's part), else the registry's;
  // and the definitions' labels, which head their parts.
  const labels: Record<string, string> = {};
  for (const { definition, values } of current.computed) {
    labels[definition.key] = definition.label[lang];
    for (const key of Object.keys(values))
      labels[key] =
        definition.keyLabels?.[key]?.[lang] ??
        (key === definition.key ? definition.label[lang] : (labelOf(key, lang) ?? key));
  }
  const groups = presentGroups(current.computed);
  // The trend: each metric's own value (its key is a definition's), for every year.
  const headline = current.computed.map((c) => c.definition.key).filter((key) => key in current.metrics);

  const provinces = figures.children.filter(({ child }) => isProvince(child.adminAreaCode));
  const level: DashboardResponse["unit"]["level"] = isProvince(unit.adminAreaCode)
    ? "province"
    : provinces.length
      ? "national"
      : "other";
  const seen = new Set<string>();
  const area = (code: string) => adminAreaByCode(code)?.name ?? code;
  const map: DashboardResponse["map"] =
    level === "province" && unit.adminAreaCode
      ? {
          level,
          items: [
            {
              code: unit.adminAreaCode,
              name: area(unit.adminAreaCode),
              unitId: unit.id,
              values: Object.fromEntries(figures.breakdownKeys.map((k) => [k, current.metrics[k] ?? 0])),
            },
          ],
        }
      : level === "national"
        ? {
            level,
            // One unit per province: the first listed (open ones come first).
            items: provinces.flatMap(({ child, values }) => {
              const code = child.adminAreaCode as string;
              if (seen.has(code)) return [];
              seen.add(code);
              return [{ code, name: area(code), unitId: child.id, values }];
            }),
          }
        : null;

  return {
    unit: {
      id: unit.id,
      name: unit.name,
      code: unit.code,
      depth: unit.depth,
      status: unit.status,
      adminAreaCode: unit.adminAreaCode,
      level,
    },
    year: input.year,
    from: period.from,
    to: period.to,
    metrics: current.metrics,
    labels,
    groups,
    trend: figures.trend.map((p) => ({
      year: Number(p.from.slice(0, 4)),
      from: p.from,
      to: p.to,
      metrics: Object.fromEntries(headline.map((key) => [key, p.metrics[key] ?? 0])),
    })),
    children: {
      metrics: figures.breakdownKeys,
      items: figures.children.map(({ child, values }) => ({
        id: child.id,
        name: child.name,
        code: child.code,
        status: child.status,
        adminAreaCode: child.adminAreaCode,
        values,
      })),
      total: figures.childTotal,
      truncated: figures.childTotal > figures.children.length,
      rest: figures.rest,
    },
    fields: presentFields(current.metrics),
    map,
  };
}
