import { byPrefix, type MetricDefinition, stock } from "../../lib/figures.ts";

/** The metrics this module derives from the figures (installed by the composition root). */
export const metrics: MetricDefinition[] = [
  {
    key: "units.total",
    label: { vi: "Số đơn vị đang hoạt động (cuối kỳ)", en: "Active units (end of period)" },
    compute: (f) => ({ "units.total": stock("units.active")(f) }),
  },
  {
    key: "units.kind",
    label: { vi: "Đơn vị theo loại", en: "Units by kind" },
    parts: ["unitKind"],
    compute: (f) =>
      Object.fromEntries(
        [...byPrefix(f.at, "units.active.kind:")].map(([kind, n]) => [`units.kind.${kind}`, n]),
      ),
  },
];
