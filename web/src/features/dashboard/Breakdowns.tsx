import { Anchor, Paper, SimpleGrid, Table, Text } from "@mantine/core";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FigureTable } from "../../components/FigureTable";
import { EmptyList } from "../../components/ListStates";
import { Section } from "../../components/Section";
import { formatDate } from "../../lib/format";
import { useFields } from "../practices/api";
import { type Dashboard, isShare } from "./api";
import { ChartFallback, MetricSelect, useMetricFormat, useMetricParam } from "./bits";

const TrendChart = lazy(() => import("./charts").then((m) => ({ default: m.TrendChart })));
const BreakdownChart = lazy(() => import("./charts").then((m) => ({ default: m.BreakdownChart })));
const ProvinceMap = lazy(() => import("./charts").then((m) => ({ default: m.ProvinceMap })));

/** One metric over the last years (a line), with the numbers in a table. */
export function Trend({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useMetricFormat();
  const keys = Object.keys(data.trend.at(-1)?.metrics ?? {});
  const metric = useMetricParam("trend", keys, "people.active");
  const points = data.trend.map((p) => ({ label: String(p.year), value: p.metrics[metric] ?? 0 }));
  const label = data.labels[metric] ?? metric;
  const summary = t("dashboard.trend.summary", {
    metric: label,
    list: points.map((p) => `${p.label}: ${format(metric, p.value)}`).join("; "),
  });
  return (
    <Section plain id="dashboard-trend" title={t("dashboard.trend.title")} note={t("dashboard.trend.note")}>
      <MetricSelect
        data={data}
        keys={keys}
        param="trend"
        fallback="people.active"
        label={t("dashboard.metric")}
      />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <Paper withBorder radius="md" p="sm" style={{ minWidth: 0, gridColumn: "span 2" }}>
          <Suspense fallback={<ChartFallback />}>
            <TrendChart points={points} summary={summary} format={(v) => format(metric, v)} />
          </Suspense>
        </Paper>
        <Paper withBorder radius="md" p="sm" style={{ minWidth: 0 }}>
          <FigureTable
            caption={label}
            columns={[{ label: t("dashboard.year") }, { label: t("dashboard.value"), numeric: true }]}
            testId="dashboard-trend-table"
          >
            {data.trend.map((p) => (
              <Table.Tr key={p.year}>
                <Table.Th scope="row" fw={400}>
                  {p.to.endsWith("-12-31")
                    ? p.year
                    : t("dashboard.trend.toDate", { year: p.year, date: formatDate(p.to) })}
                </Table.Th>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {format(metric, p.metrics[metric] ?? 0)}
                </Table.Td>
              </Table.Tr>
            ))}
          </FigureTable>
        </Paper>
      </SimpleGrid>
    </Section>
  );
}

/** The breakdown metrics for each child unit: a table (every metric) and bars (the chosen one). */
export function ChildBreakdown({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useMetricFormat();
  const { children } = data;
  const metric = useMetricParam("by", children.metrics, "people.active");
  const label = (key: string) => data.labels[key] ?? key;
  const bars = useMemo(
    () =>
      [...children.items]
        .map((c) => ({ label: c.name, value: c.values[metric] ?? 0 }))
        .sort((a, b) => b.value - a.value),
    [children.items, metric],
  );
  const hasRest = children.metrics.some((key) => !isShare(key) && (children.rest[key] ?? 0) !== 0);
  if (children.items.length === 0)
    return (
      <Section plain id="dashboard-children" title={t("dashboard.children.title")}>
        <EmptyList message={t("dashboard.children.empty")} />
      </Section>
    );
  const summary = t("dashboard.children.summary", {
    metric: label(metric),
    list: bars.map((b) => `${b.label}: ${format(metric, b.value)}`).join("; "),
  });
  return (
    <Section
      plain
      id="dashboard-children"
      title={t("dashboard.children.title")}
      note={
        children.truncated
          ? t("dashboard.children.truncated", { shown: children.items.length, total: children.total })
          : t("dashboard.children.note", { count: children.items.length })
      }
    >
      <MetricSelect
        data={data}
        keys={children.metrics}
        param="by"
        fallback="people.active"
        label={t("dashboard.metric")}
      />
      <Paper withBorder radius="md" p="sm" style={{ minWidth: 0 }}>
        <Suspense fallback={<ChartFallback height={Math.max(120, bars.length * 26 + 40)} />}>
          <BreakdownChart points={bars} summary={summary} format={(v) => format(metric, v)} />
        </Suspense>
      </Paper>
      <Table.ScrollContainer
        minWidth={200 + children.metrics.length * 112}
        type="native"
        tabIndex={0}
        role="region"
        aria-label={t("dashboard.children.table")}
      >
        <Table
          striped
          highlightOnHover
          verticalSpacing={4}
          data-testid="dashboard-children-table"
          aria-label={t("dashboard.children.table")}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" miw={200}>
                {t("dashboard.children.unit")}
              </Table.Th>
              {children.metrics.map((key) => (
                <Table.Th key={key} scope="col" ta="right" style={{ minWidth: 96 }}>
                  {label(key)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {children.items.map((child) => (
              <Table.Tr key={child.id} data-testid="dashboard-child-row" data-unit-id={child.id}>
                <Table.Th scope="row" fw={500} style={{ overflowWrap: "anywhere" }}>
                  <Anchor component={Link} to={`/dashboard?unit=${child.id}&year=${data.year}`} size="sm">
                    {child.name}
                  </Anchor>
                  {child.status !== "active" && (
                    <Text component="span" size="xs" c="dimmed">
                      {` (${t(`units.statuses.${child.status}`)})`}
                    </Text>
                  )}
                </Table.Th>
                {children.metrics.map((key) => (
                  <Table.Td key={key} ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                    {format(key, child.values[key] ?? 0)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {hasRest && (
              <Table.Tr>
                <Table.Th scope="row" fw={400} c="dimmed">
                  {t("dashboard.children.rest")}
                </Table.Th>
                {children.metrics.map((key) => (
                  <Table.Td key={key} ta="right" c="dimmed" style={{ fontVariantNumeric: "tabular-nums" }}>
                    {isShare(key) ? "" : format(key, children.rest[key] ?? 0)}
                  </Table.Td>
                ))}
              </Table.Tr>
            )}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t("dashboard.children.total")}</Table.Th>
              {children.metrics.map((key) => (
                <Table.Th key={key} ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {format(key, data.metrics[key] ?? 0)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

/** The map of the 34 provinces at the national level (each province's value) or a provincial one. */
export function MapSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useMetricFormat();
  const map = data.map;
  const metric = useMetricParam("by", data.children.metrics, "people.active");
  if (!map) return null;
  const items = map.items.map((i) => ({ code: i.code, name: i.name, value: i.values[metric] ?? 0 }));
  const label = data.labels[metric] ?? metric;
  const summary = t("dashboard.map.summary", {
    metric: label,
    list: [...items]
      .sort((a, b) => b.value - a.value)
      .map((i) => `${i.name}: ${format(metric, i.value)}`)
      .join("; "),
  });
  return (
    <Section
      plain
      id="dashboard-map-section"
      title={t("dashboard.map.title")}
      note={
        map.level === "national"
          ? t("dashboard.map.national", { metric: label })
          : t("dashboard.map.province")
      }
    >
      <Paper withBorder radius="md" p="sm" style={{ minWidth: 0 }}>
        <Suspense fallback={<ChartFallback height={480} />}>
          <ProvinceMap
            items={items}
            summary={summary}
            format={(v) => format(metric, v)}
            noData={t("dashboard.map.noData")}
          />
        </Suspense>
        <Text size="xs" c="dimmed" mt="xs">
          {t("dashboard.map.tableNote")}
        </Text>
      </Paper>
    </Section>
  );
}

/** Models and exemplars by field (lĩnh vực): registered to the period's end, and recognised. */
export function FieldBreakdown({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const format = useMetricFormat();
  const fields = useFields();
  const english = i18n.resolvedLanguage === "en";
  const name = (code: string) => {
    const field = fields.data?.items.find((f) => f.code === code);
    return field ? (english ? field.nameEn : field.name) : code;
  };
  const columns = ["practices", "practicesRecognised", "exemplars", "exemplarsRecognised"] as const;
  return (
    <Section
      plain
      id="dashboard-fields"
      title={t("dashboard.fields.title")}
      note={t("dashboard.fields.note")}
    >
      {data.fields.length === 0 ? (
        <EmptyList message={t("dashboard.fields.empty")} />
      ) : (
        <Table.ScrollContainer
          minWidth={560}
          type="native"
          tabIndex={0}
          role="region"
          aria-label={t("dashboard.fields.title")}
        >
          <Table
            striped
            verticalSpacing={4}
            data-testid="dashboard-fields-table"
            aria-label={t("dashboard.fields.title")}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("dashboard.fields.field")}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c} scope="col" ta="right">
                    {t(`dashboard.fields.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.fields.map((row) => (
                <Table.Tr key={row.code}>
                  <Table.Th scope="row" fw={400}>
                    {name(row.code)}
                  </Table.Th>
                  {columns.map((c) => (
                    <Table.Td key={c} ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                      {format(c, row[c])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
