import { Paper, SimpleGrid, Stack, Table, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { FigureTable } from "../../components/FigureTable";
import { StatCard } from "../../components/StatCard";
import { formatDate, formatNumber } from "../../lib/format";
import type { UnitStats } from "../units/api";
import { GRADES } from "./api";

/**
 * The `commitments.*` figures of a unit's subtree in the unit's statistics: members with a
 * submitted commitment in the period's year (and their share), and the confirmed grades.
 */
export function CommitmentFigures({ stats }: { stats: UnitStats }) {
  const { t, i18n } = useTranslation();
  const n = (key: string) => stats.metrics[key] ?? 0;
  const format = (value: number) => formatNumber(value, i18n.resolvedLanguage ?? "vi");
  const year = stats.to.slice(0, 4);
  const rated = GRADES.reduce((sum, grade) => sum + n(`commitments.grade.${grade}`), 0);
  return (
    <Stack
      gap="sm"
      component="section"
      aria-labelledby="commitment-figures-title"
      data-testid="commitment-figures"
    >
      <Title order={3} fz="h5" id="commitment-figures-title">
        {t("commitments.figures.title", { year })}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <StatCard
          testId="stat-commitments-count"
          label={t("commitments.figures.count")}
          value={format(n("commitments.count"))}
          note={t("units.stats.atDate", { date: formatDate(stats.to) })}
        />
        <StatCard
          testId="stat-commitments-share"
          label={t("commitments.figures.share")}
          value={`${new Intl.NumberFormat(i18n.resolvedLanguage === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 }).format(n("commitments.share"))} %`}
          note={t("commitments.figures.shareNote")}
        />
        <StatCard
          testId="stat-commitments-assessed"
          label={t("commitments.figures.assessed")}
          value={format(n("commitments.assessed"))}
          note={t("commitments.figures.ratedNote", { year })}
        />
        <StatCard
          testId="stat-commitments-rated"
          label={t("commitments.figures.rated")}
          value={format(rated)}
          note={t("commitments.figures.ratedNote", { year })}
        />
      </SimpleGrid>
      <Paper withBorder radius="md" p="sm" style={{ overflowX: "auto" }}>
        <FigureTable
          id="commitment-grades-title"
          caption={t("commitments.figures.grades", { year })}
          columns={[
            { label: t("commitments.figures.grade") },
            { label: t("commitments.figures.proposed"), numeric: true },
            { label: t("commitments.figures.confirmed"), numeric: true },
          ]}
        >
          {GRADES.map((grade) => (
            <Table.Tr key={grade} data-testid={`stat-grade-${grade}`}>
              <Table.Th scope="row" fw="normal">
                {t(`commitments.grades.${grade}`)}
              </Table.Th>
              <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                {format(n(`commitments.proposed.${grade}`))}
              </Table.Td>
              <Table.Td
                ta="right"
                fw={700}
                style={{ fontVariantNumeric: "tabular-nums" }}
                data-testid="stat-value"
              >
                {format(n(`commitments.grade.${grade}`))}
              </Table.Td>
            </Table.Tr>
          ))}
        </FigureTable>
      </Paper>
    </Stack>
  );
}
