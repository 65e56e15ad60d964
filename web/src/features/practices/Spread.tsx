import { Paper, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { lazy, type ReactNode, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { FigureTable } from "../../components/FigureTable";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { formatNumber } from "../../lib/format";
import { useSpread } from "./api";

const SpreadChart = lazy(() => import("./SpreadCharts"));

/** How a model spread: adoptions by year (chart) and by area below the caller's unit (chart and table). */
export function SpreadSection({ practiceId }: { practiceId: string }) {
  const { t, i18n } = useTranslation();
  const spread = useSpread(practiceId);
  const format = (value: number) => formatNumber(value, i18n.resolvedLanguage ?? "vi");
  const years = useMemo(
    () => (spread.data?.byYear ?? []).map((row) => ({ label: String(row.year), count: row.count })),
    [spread.data],
  );
  const areas = useMemo(
    () => (spread.data?.byArea ?? []).map((row) => ({ label: row.name, count: row.count })),
    [spread.data],
  );

  let content: ReactNode;
  if (spread.isPending) content = <ListSkeleton rows={2} />;
  else if (spread.isError) content = <ErrorAlert error={spread.error} onRetry={() => spread.refetch()} />;
  else if (spread.data.total === 0)
    content = (
      <Text size="sm" c="dimmed">
        {t("practices.spread.none")}
      </Text>
    );
  else {
    const max = Math.max(1, ...areas.map((area) => area.count));
    const yearSummary = t("practices.spread.byYearSummary", {
      list: years.map((year) => `${year.label}: ${format(year.count)}`).join("; "),
    });
    content = (
      <Stack gap="sm">
        <Text size="sm">
          {t("practices.spread.total", { count: spread.data.total, formatted: format(spread.data.total) })}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <Paper withBorder radius="md" p="sm" style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" mb="xs">
              {t("practices.spread.byYear")}
            </Text>
            <Suspense fallback={<Skeleton height={240} />}>
              <SpreadChart bars={years} summary={yearSummary} testId="spread-by-year" />
            </Suspense>
          </Paper>
          <Paper withBorder radius="md" p="sm" style={{ minWidth: 0 }}>
            {areas.length === 0 ? (
              <Stack gap="xs">
                <Text fw={600} size="sm">
                  {t("practices.spread.byArea")}
                </Text>
                <Text size="sm" c="dimmed">
                  {t("practices.spread.noArea")}
                </Text>
              </Stack>
            ) : (
              <FigureTable
                id="spread-area-title"
                caption={t("practices.spread.byArea")}
                columns={[
                  { label: t("practices.spread.area") },
                  { label: t("practices.spread.count"), numeric: true },
                  { label: t("practices.spread.share"), w: "35%", hidden: true },
                ]}
              >
                {areas.map((area) => (
                  <Table.Tr key={area.label}>
                    <Table.Td style={{ overflowWrap: "anywhere" }}>{area.label}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                      {format(area.count)}
                    </Table.Td>
                    <Table.Td>
                      <Progress value={(area.count / max) * 100} size="md" aria-hidden />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </FigureTable>
            )}
          </Paper>
        </SimpleGrid>
      </Stack>
    );
  }

  return (
    <Stack component="section" aria-labelledby="spread-title" gap="sm">
      <Title order={2} fz="h4" id="spread-title">
        {t("practices.spread.title")}
      </Title>
      {content}
    </Stack>
  );
}
