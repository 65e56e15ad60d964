// Loaded on demand (React.lazy): ECharts stays out of the main bundle.
import { useMantineTheme } from "@mantine/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { type EChartsCoreOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface Bar {
  label: string;
  count: number;
}

/**
 * A bar chart of counts (vertical by year, horizontal by area). The drawing is hidden from screen
 * readers: its container carries a spoken summary, and the page shows the same numbers as text.
 */
export default function SpreadChart({
  bars,
  horizontal = false,
  summary,
  testId,
}: {
  bars: readonly Bar[];
  horizontal?: boolean;
  /** What the chart shows, in words. */
  summary: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const theme = useMantineTheme();
  const color = theme.colors.partyRed?.[7] ?? theme.colors.red[7];
  const height = horizontal ? Math.max(120, bars.length * 34 + 40) : 240;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: "svg" });
    const categories = bars.map((bar) => bar.label);
    const values = bars.map((bar) => bar.count);
    const categoryAxis = {
      type: "category" as const,
      data: categories,
      inverse: horizontal,
      axisTick: { alignWithLabel: true },
      axisLabel: horizontal ? { width: 140, overflow: "truncate" as const } : {},
    };
    const valueAxis = { type: "value" as const, minInterval: 1 };
    const option: EChartsCoreOption = {
      animation: false,
      aria: { enabled: false },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: [{ type: "bar", data: values, itemStyle: { color }, barMaxWidth: 40 }],
    };
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [bars, horizontal, color]);

  return (
    <div role="img" aria-label={summary} data-testid={testId}>
      <div ref={ref} aria-hidden style={{ width: "100%", height }} />
    </div>
  );
}
