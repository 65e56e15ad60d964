import { Box, Group, NativeSelect, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { thisYear } from "../../components/YearSelect";
import { useCurrentUser } from "../../lib/session";
import { useUnit } from "../units/api";
import { UnitSelect } from "../units/UnitSelect";
import { useDashboard } from "./api";
import { ChildBreakdown, FieldBreakdown, MapSection, Trend } from "./Breakdowns";
import { KeyFigures } from "./KeyFigures";

/** How many years the year picker offers, back from this one. */
const YEARS_BACK = 10;

/**
 * Bảng điều khiển: a unit's figures for a year (the caller's unit by default, any of their
 * subtree by the picker; both kept in the address): key figures by module, the trend over the
 * last years, the breakdown by child unit and by field, and at the national or a provincial level
 * the map of the 34 provinces. Every chart has its numbers in a table beside it.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const unitId = params.get("unit") || user.unitId;
  const year = Number(params.get("year")) || thisYear();
  const unit = useUnit(unitId);
  const dashboard = useDashboard(unitId, year);

  const setParam = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const years = Array.from({ length: YEARS_BACK }, (_, i) => String(thisYear() - i));
  const unitName = dashboard.data?.unit.name ?? unit.data?.unit.name;

  return (
    <Stack maw={1280} gap="md">
      <PageHeader
        title={t("dashboard.title")}
        description={unitName ? t("dashboard.description", { unit: unitName, year }) : undefined}
      />
      <Group gap="sm" align="flex-end" wrap="wrap" role="group" aria-label={t("dashboard.filters")}>
        <Box miw={0} style={{ flex: "1 1 260px", maxWidth: 480 }}>
          <UnitSelect
            label={t("dashboard.unit")}
            value={unitId}
            initialUnit={unit.data ? { id: unit.data.unit.id, name: unit.data.unit.name } : null}
            onChange={(picked) => setParam({ unit: picked?.id ?? null })}
          />
        </Box>
        <NativeSelect
          label={t("dashboard.year")}
          data={years.includes(String(year)) ? years : [String(year), ...years]}
          value={String(year)}
          onChange={(event) => setParam({ year: event.currentTarget.value })}
          w={120}
          data-testid="dashboard-year"
        />
      </Group>
      {dashboard.isPending ? (
        <ListSkeleton rows={6} />
      ) : dashboard.isError ? (
        <ErrorAlert error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : (
        <Stack
          gap="xl"
          style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}
          aria-busy={dashboard.isFetching}
        >
          <KeyFigures data={dashboard.data} />
          <Trend data={dashboard.data} />
          <ChildBreakdown data={dashboard.data} />
          {dashboard.data.map && <MapSection data={dashboard.data} />}
          <FieldBreakdown data={dashboard.data} />
        </Stack>
      )}
    </Stack>
  );
}
