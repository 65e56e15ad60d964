import {
  Alert,
  Box,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { BareList } from "../../components/BareList";
import { DateField } from "../../components/DateField";
import { FigureTable } from "../../components/FigureTable";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { StatCard } from "../../components/StatCard";
import { formatDate, formatNumber, todayInVietnam } from "../../lib/format";
import { CommitmentFigures } from "../commitments/CommitmentFigures";
import { PracticeFigures } from "../practices/PracticeFigures";
import { type UnitStats, useKindNames, useUnitStats } from "./api";

const AGE_BANDS = ["upTo30", "31to40", "41to50", "51to60", "61to70", "over70"] as const;
const LEFT_KINDS = ["deceased", "removed", "transferred"] as const;

/** Metrics this panel lays out itself; any other the server adds is listed under "Khác". */
function isKnownMetric(key: string): boolean {
  return (
    key === "units.total" ||
    key.startsWith("units.kind.") ||
    key === "people.active" ||
    key === "people.active.male" ||
    key === "people.active.female" ||
    key.startsWith("people.active.age.") ||
    key === "people.joined" ||
    key.startsWith("people.left.") ||
    key.startsWith("practices.") ||
    key.startsWith("commitments.")
  );
}

/** This calendar year up to today, in Vietnam. */
export function defaultPeriod(): { from: string; to: string } {
  const to = todayInVietnam();
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

/**
 * The unit's key figures over a period (this year by default; the period is kept in the address):
 * stocks at the end of the period (units, active members by gender and age) and flows within it
 * (joined, left).
 */
export function UnitStatsPanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const fallback = defaultPeriod();
  const period = { from: params.get("from") || fallback.from, to: params.get("to") || fallback.to };
  const valid = period.from <= period.to;
  const stats = useUnitStats(unitId, period, valid);

  const setPeriod = (next: { from?: string; to?: string }) =>
    setParams(
      (current) => {
        const result = new URLSearchParams(current);
        for (const [key, value] of Object.entries(next)) {
          if (value) result.set(key, value);
          else result.delete(key);
        }
        return result;
      },
      { replace: true },
    );
  const thisYear = Number(fallback.to.slice(0, 4));

  return (
    <Stack component="section" aria-labelledby="unit-stats-title" gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Title order={2} fz="h4" id="unit-stats-title">
          {t("units.stats.title")}
        </Title>
        <Group gap="xs" wrap="wrap" align="flex-end" role="group" aria-label={t("units.stats.period")}>
          <DateField
            label={t("units.stats.from")}
            value={period.from}
            onChange={(from) => setPeriod({ from })}
            maw={150}
          />
          <DateField
            label={t("units.stats.to")}
            value={period.to}
            onChange={(to) => setPeriod({ to })}
            maw={150}
          />
          <Button variant="default" onClick={() => setPeriod({ from: "", to: "" })}>
            {t("units.stats.thisYear")}
          </Button>
          <Button
            variant="subtle"
            onClick={() => setPeriod({ from: `${thisYear - 1}-01-01`, to: `${thisYear - 1}-12-31` })}
          >
            {t("units.stats.year", { year: thisYear - 1 })}
          </Button>
        </Group>
      </Group>
      {!valid ? (
        <Alert color="orange">{t("units.stats.invalidPeriod")}</Alert>
      ) : stats.isPending ? (
        <ListSkeleton rows={3} />
      ) : stats.isError ? (
        <ErrorAlert error={stats.error} onRetry={() => stats.refetch()} />
      ) : (
        <Box style={{ opacity: stats.isPlaceholderData ? 0.6 : 1 }} aria-busy={stats.isFetching}>
          <StatsView stats={stats.data} />
        </Box>
      )}
    </Stack>
  );
}

function StatsView({ stats }: { stats: UnitStats }) {
  const { t, i18n } = useTranslation();
  const kindName = useKindNames();
  const n = (key: string) => stats.metrics[key] ?? 0;
  const format = (value: number) => formatNumber(value, i18n.resolvedLanguage ?? "vi");
  const atEnd = t("units.stats.atDate", { date: formatDate(stats.to) });
  const inPeriod = t("units.stats.between", { from: formatDate(stats.from), to: formatDate(stats.to) });
  const left = LEFT_KINDS.reduce((sum, kind) => sum + n(`people.left.${kind}`), 0);
  const ages = AGE_BANDS.map((band) => ({ band, count: n(`people.active.age.${band}`) }));
  const maxAge = Math.max(1, ...ages.map((age) => age.count));
  const kinds = Object.keys(stats.metrics)
    .filter((key) => key.startsWith("units.kind."))
    .map((key) => ({ code: key.slice("units.kind.".length), count: n(key) }))
    .filter((kind) => kind.count > 0);
  const others = Object.keys(stats.metrics).filter((key) => !isKnownMetric(key));

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <StatCard
          testId="stat-units"
          label={t("units.stats.units")}
          value={format(n("units.total"))}
          note={atEnd}
        />
        <StatCard
          testId="stat-people-active"
          label={t("units.stats.peopleActive")}
          value={format(n("people.active"))}
          note={atEnd}
        />
        <StatCard
          testId="stat-gender"
          label={t("units.stats.gender")}
          value={`${format(n("people.active.male"))} / ${format(n("people.active.female"))}`}
          note={t("units.stats.maleFemale")}
        />
        <StatCard
          testId="stat-joined"
          label={t("units.stats.joined")}
          value={format(n("people.joined"))}
          note={inPeriod}
        />
        <StatCard
          testId="stat-left"
          label={t("units.stats.left")}
          value={format(left)}
          note={LEFT_KINDS.map(
            (kind) => `${t(`units.stats.leftKinds.${kind}`)}: ${format(n(`people.left.${kind}`))}`,
          ).join(" · ")}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <Paper withBorder radius="md" p="sm">
          <FigureTable
            id="age-bands-title"
            caption={t("units.stats.ageBands")}
            columns={[
              { label: t("units.stats.ageBand") },
              { label: t("units.stats.members"), numeric: true },
              { label: t("units.stats.share"), w: "40%", hidden: true },
            ]}
          >
            {ages.map(({ band, count }) => (
              <Table.Tr key={band}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{t(`units.stats.ages.${band}`)}</Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {format(count)}
                </Table.Td>
                <Table.Td>
                  <Progress value={(count / maxAge) * 100} size="md" aria-hidden />
                </Table.Td>
              </Table.Tr>
            ))}
          </FigureTable>
        </Paper>
        <Paper withBorder radius="md" p="sm">
          <Text fw={600} size="sm" mb="xs">
            {t("units.stats.byKind")}
          </Text>
          {kinds.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("common.empty")}
            </Text>
          ) : (
            <BareList gap={4}>
              {kinds.map((kind) => (
                <Group component="li" key={kind.code} justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm">{kindName(kind.code)}</Text>
                  <Text size="sm" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
                    {format(kind.count)}
                  </Text>
                </Group>
              ))}
            </BareList>
          )}
          {others.length > 0 && (
            <>
              <Text fw={600} size="sm" mt="md" mb="xs">
                {t("units.stats.other")}
              </Text>
              <BareList gap={4}>
                {others.map((key) => (
                  <Group component="li" key={key} justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm">{stats.labels[key] ?? key}</Text>
                    <Text size="sm" fw={600}>
                      {format(n(key))}
                    </Text>
                  </Group>
                ))}
              </BareList>
            </>
          )}
        </Paper>
      </SimpleGrid>
      <PracticeFigures stats={stats} />
      <CommitmentFigures stats={stats} />
    </Stack>
  );
}
