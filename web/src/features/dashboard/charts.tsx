// Loaded on demand (React.lazy): ECharts and the provinces' boundaries stay out of the main bundle.
import { useMantineTheme } from "@mantine/core";
import { BarChart, LineChart, MapChart } from "echarts/charts";
import { GridComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { type EChartsCoreOption, init, registerMap, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import provinces from "./data/vn-provinces.json";

use([BarChart, LineChart, MapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);
// The 34 provinces, simplified (scripts/simplify-provinces.ts); features are matched by admin code.
registerMap("vn-provinces", provinces as never);

export interface Point {
  label: string;
  value: number;
}

/** Draws an ECharts option into a box that follows its container's width; redrawn when `key` changes. */
function useChart(option: EChartsCoreOption, height: number, key: string) {
  const latest = useRef(option);
  latest.current = option;
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the data (the key) changes, not on every render
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: "svg" });
    chart.setOption(latest.current);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [key]);
  return <div ref={ref} aria-hidden style={{ width: "100%", height }} />;
}

/**
 * Each chart is hidden from screen readers: its container carries a spoken summary, and the page
 * shows the same numbers in a table beside it.
 */
function Figure({
  summary,
  testId,
  children,
}: {
  summary: string;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <div role="img" aria-label={summary} data-testid={testId}>
      {children}
    </div>
  );
}

const usePrimary = () => {
  const theme = useMantineTheme();
  return theme.colors.partyRed?.[7] ?? theme.colors.red[7];
};

/** A metric over the years. */
export function TrendChart({
  points,
  summary,
  format,
}: {
  points: readonly Point[];
  summary: string;
  format: (value: number) => string;
}) {
  const color = usePrimary();
  const chart = useChart(
    {
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: (value: unknown) => format(Number(value)) },
      xAxis: { type: "category", data: points.map((p) => p.label), boundaryGap: false },
      yAxis: { type: "value", axisLabel: { formatter: (value: number) => format(value) } },
      series: [
        {
          type: "line",
          data: points.map((p) => p.value),
          itemStyle: { color },
          lineStyle: { color, width: 3 },
          symbolSize: 8,
        },
      ],
    },
    240,
    `${summary}|${color}`,
  );
  return (
    <Figure summary={summary} testId="dashboard-trend-chart">
      {chart}
    </Figure>
  );
}

/** A metric by child unit, largest first (horizontal bars). */
export function BreakdownChart({
  points,
  summary,
  format,
}: {
  points: readonly Point[];
  summary: string;
  format: (value: number) => string;
}) {
  const color = usePrimary();
  const height = Math.max(120, points.length * 22 + 40);
  const chart = useChart(
    {
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (value: unknown) => format(Number(value)),
      },
      xAxis: { type: "value", axisLabel: { formatter: (value: number) => format(value) } },
      yAxis: {
        type: "category",
        inverse: true,
        data: points.map((p) => p.label),
        axisLabel: { width: 130, overflow: "truncate" },
      },
      series: [{ type: "bar", data: points.map((p) => p.value), itemStyle: { color }, barMaxWidth: 22 }],
    },
    height,
    `${summary}|${color}`,
  );
  return (
    <Figure summary={summary} testId="dashboard-breakdown-chart">
      {chart}
    </Figure>
  );
}

/** A choropleth of the 34 provinces: the value of each province (by its admin code), darker = more. */
export function ProvinceMap({
  items,
  summary,
  format,
  noData,
}: {
  items: readonly { code: string; name: string; value: number }[];
  summary: string;
  format: (value: number) => string;
  noData: string;
}) {
  const theme = useMantineTheme();
  const color = usePrimary();
  const names = new Map(items.map((i) => [i.code, i.name]));
  const max = Math.max(1, ...items.map((i) => i.value));
  const chart = useChart(
    {
      animation: false,
      aria: { enabled: false },
      tooltip: {
        trigger: "item",
        formatter: (params: { name: string; value: unknown }) => {
          const value = Number(params.value);
          const name = names.get(params.name) ?? params.name;
          return `${name}: ${Number.isFinite(value) ? format(value) : noData}`;
        },
      },
      visualMap: {
        min: 0,
        max,
        left: 0,
        bottom: 0,
        itemHeight: 100,
        calculable: false,
        text: [format(max), format(0)],
        inRange: { color: [theme.colors.red[0], color] },
        formatter: (value: number) => format(value),
        textStyle: { fontSize: 11 },
      },
      series: [
        {
          type: "map",
          map: "vn-provinces",
          nameProperty: "code",
          roam: false,
          layoutCenter: ["55%", "50%"],
          layoutSize: "100%",
          itemStyle: { borderColor: theme.colors.gray[6], borderWidth: 0.5, areaColor: theme.colors.gray[2] },
          emphasis: { label: { show: false }, itemStyle: { areaColor: theme.colors.yellow[5] } },
          select: { disabled: true },
          data: items.map((i) => ({ name: i.code, value: i.value })),
        },
      ],
    },
    520,
    `${summary}|${color}|${JSON.stringify(items)}`,
  );
  return (
    <Figure summary={summary} testId="dashboard-map">
      {chart}
    </Figure>
  );
}
