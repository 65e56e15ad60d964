import { Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { StatCard } from "../../components/StatCard";
import { formatDate, formatNumber } from "../../lib/format";
import { type UnitStats, useKindNames } from "../units/api";
import { useFields } from "./api";

/** The `practices.*` figures of a unit's subtree, laid out in the unit's statistics. */
export function PracticeFigures({ stats }: { stats: UnitStats }) {
  const { t, i18n } = useTranslation();
  const kindName = useKindNames();
  const fields = useFields();
  const english = i18n.resolvedLanguage === "en";
  const n = (key: string) => stats.metrics[key] ?? 0;
  const format = (value: number) => formatNumber(value, i18n.resolvedLanguage ?? "vi");
  const atEnd = t("units.stats.atDate", { date: formatDate(stats.to) });
  const inPeriod = t("units.stats.between", { from: formatDate(stats.from), to: formatDate(stats.to) });
  const fieldName = (code: string) => {
    const field = fields.data?.items.find((f) => f.code === code);
    return field ? (english ? field.nameEn : field.name) : code;
  };
  const group = (prefix: string, name: (code: string) => string) =>
    Object.keys(stats.metrics)
      .filter((key) => key.startsWith(prefix) && n(key) > 0)
      .map((key) => ({ code: key.slice(prefix.length), count: n(key) }))
      .map((row) => ({ ...row, name: name(row.code) }));
  const levels = group("practices.level.", kindName);
  const byField = group("practices.field.", fieldName);

  const breakdown = (title: string, rows: { code: string; name: string; count: number }[]) => (
    <Paper withBorder radius="md" p="sm">
      <Text fw={600} size="sm" mb="xs">
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("common.empty")}
        </Text>
      ) : (
        <BareList gap={4}>
          {rows.map((row) => (
            <Group component="li" key={row.code} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm">{row.name}</Text>
              <Text size="sm" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
                {format(row.count)}
              </Text>
            </Group>
          ))}
        </BareList>
      )}
    </Paper>
  );

  return (
    <Stack gap="sm" component="section" aria-labelledby="practice-figures-title">
      <Title order={3} fz="h5" id="practice-figures-title">
        {t("practices.figures.title")}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <StatCard
          testId="stat-practices-total"
          label={t("practices.figures.total")}
          value={format(n("practices.total"))}
          note={atEnd}
        />
        <StatCard
          testId="stat-practices-submitted"
          label={t("practices.figures.submitted")}
          value={format(n("practices.status.submitted"))}
          note={atEnd}
        />
        <StatCard
          testId="stat-practices-recognised"
          label={t("practices.figures.recognised")}
          value={format(n("practices.recognised"))}
          note={inPeriod}
        />
        <StatCard
          testId="stat-practices-recognised-total"
          label={t("practices.figures.recognisedTotal")}
          value={format(n("practices.recognisedTotal"))}
          note={atEnd}
        />
        <StatCard
          testId="stat-practices-adoptions"
          label={t("practices.figures.adoptions")}
          value={format(n("practices.adoptions"))}
          note={inPeriod}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {breakdown(t("practices.figures.byLevel"), levels)}
        {breakdown(t("practices.figures.byField"), byField)}
      </SimpleGrid>
    </Stack>
  );
}
