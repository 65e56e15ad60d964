import { NativeSelect, Skeleton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { formatNumber } from "../../lib/format";
import { type Dashboard, isShare } from "./api";

/** A figure as people read it: counts with separators, shares as percentages. */
export function useMetricFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  return (key: string, value: number) => {
    // topics.studiedShare is a fraction (0–1), commitments.share already a percentage.
    if (key === "topics.studiedShare") return `${formatNumber(Math.round(value * 1000) / 10, lang)} %`;
    if (isShare(key)) return `${formatNumber(value, lang)} %`;
    return formatNumber(value, lang);
  };
}

/** A select of the metrics a chart may show, kept in the address under `param`. */
export function MetricSelect({
  data,
  keys,
  param,
  fallback,
  label,
}: {
  data: Dashboard;
  keys: string[];
  param: string;
  fallback: string;
  label: string;
}) {
  const [, setParams] = useSearchParams();
  const value = useMetricParam(param, keys, fallback);
  return (
    <NativeSelect
      label={label}
      data={keys.map((key) => ({ value: key, label: data.labels[key] ?? key }))}
      value={value}
      onChange={(event) =>
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            next.set(param, event.currentTarget.value);
            return next;
          },
          { replace: true },
        )
      }
      maw={420}
      data-testid={`dashboard-${param}`}
    />
  );
}

export function useMetricParam(param: string, keys: string[], fallback: string) {
  const [params] = useSearchParams();
  const chosen = params.get(param);
  return chosen && keys.includes(chosen)
    ? chosen
    : keys.includes(fallback)
      ? fallback
      : (keys[0] ?? fallback);
}

export function ChartFallback({ height = 240 }: { height?: number }) {
  return <Skeleton height={height} />;
}
