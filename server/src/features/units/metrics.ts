import { byPrefix, registerMetrics, stock } from "../figures/registry.ts";

registerMetrics([
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
]);
