import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { type Column, DataTable } from "../../components/DataTable";
import { ClearFiltersButton, FilterSelect, FiltersBar } from "../../components/Filters";
import { PagedList } from "../../components/PagedList";
import { PageHeader } from "../../components/PageHeader";
import { YearFilter } from "../../components/YearSelect";
import { formatDate } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import {
  PLAN_KINDS,
  PLAN_SCOPES,
  type Plan,
  type PlanFilters,
  type PlanKind,
  type PlanScope,
  usePlans,
} from "./api";
import { PlanStatusBadge, ProgressCell, usePeriodLabel } from "./PlanBits";

const FIRST_YEAR = 2016; // Chỉ thị 05-CT/TW

const isKind = (value: string | null): value is PlanKind => PLAN_KINDS.includes(value as PlanKind);
const isScope = (value: string | null): value is PlanScope => PLAN_SCOPES.includes(value as PlanScope);

/**
 * Kế hoạch: the plans of the user's unit and its subordinates, and those issued above it (published
 * down to it), upper levels first; filters kept in the address so Back and shared links keep them.
 */
export function PlansPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const periodOf = usePeriodLabel();
  const [params, setParams] = useSearchParams();
  const kind = params.get("kind");
  const scope = params.get("scope");
  const filters: PlanFilters = {
    year: /^\d{4}$/.test(params.get("year") ?? "") ? (params.get("year") ?? "") : "",
    kind: isKind(kind) ? kind : "",
    scope: isScope(scope) ? scope : "all",
  };
  const page = Math.max(1, Number(params.get("page")) || 1);
  const plans = usePlans(filters, page);
  const planner = can(user, "plans.plan");
  const filtered = Boolean(filters.year || filters.kind || filters.scope !== "all");
  const narrow = useMediaQuery("(max-width: 36em)", false, { getInitialValueInEffect: false });
  const scopes = PLAN_SCOPES.map((value) => ({ value, label: t(`plans.scopes.${value}`) }));

  const setFilter = (key: keyof PlanFilters | "page", value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && !(key === "scope" && value === "all")) next.set(key, value);
        else next.delete(key);
        if (key !== "page") next.delete("page");
        return next;
      },
      { replace: key !== "page" },
    );

  const columns: Column<Plan>[] = [
    {
      key: "title",
      header: t("plans.columns.title"),
      hideInCard: true,
      render: (plan) => <PlanLink plan={plan} />,
    },
    {
      key: "unit",
      header: t("plans.columns.unit"),
      render: (plan) => (
        <>
          {plan.unit.name}
          {plan.fromAbove && (
            <Badge variant="light" color="grape" ml="xs" size="sm">
              {t("plans.fromAbove")}
            </Badge>
          )}
        </>
      ),
    },
    { key: "period", header: t("plans.columns.period"), nowrap: true, render: (plan) => periodOf(plan) },
    {
      key: "status",
      header: t("plans.columns.status"),
      render: (plan) => (
        <Stack gap={2} align="flex-start">
          <PlanStatusBadge status={plan.status} />
          {plan.issuedOn && (
            <Text size="xs" c="dimmed">
              {formatDate(plan.issuedOn)}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: "progress",
      header: t("plans.columns.progress"),
      render: (plan) =>
        plan.status === "issued" && plan.taskCount > 0 ? (
          <ProgressCell value={plan.progress} label={t("plans.progressOf", { title: plan.title })} />
        ) : (
          t("plans.tasksCount", { count: plan.taskCount })
        ),
    },
  ];

  return (
    <Stack maw={1200}>
      <PageHeader
        title={t("plans.title")}
        description={t("plans.pageDescription")}
        actions={
          planner && (
            <Button component={Link} to="/plans/new" leftSection={<IconPlus size={18} />}>
              {t("plans.create")}
            </Button>
          )
        }
      />
      <FiltersBar label={t("plans.filters")}>
        <Stack gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="plans-scope">
              {t("plans.scope")}
            </Text>
            {narrow ? (
              // Four choices do not fit side by side on a phone.
              <Select
                aria-labelledby="plans-scope"
                data={scopes}
                value={filters.scope}
                onChange={(value) => setFilter("scope", value ?? "all")}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
            ) : (
              <SegmentedControl
                aria-labelledby="plans-scope"
                fullWidth
                value={filters.scope}
                onChange={(value) => setFilter("scope", value)}
                data={scopes}
              />
            )}
          </Stack>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <YearFilter
              label={t("plans.year")}
              placeholder={t("plans.allYears")}
              first={FIRST_YEAR}
              value={filters.year}
              onChange={(value) => setFilter("year", value)}
              w={{ base: "100%", xs: 160 }}
            />
            <FilterSelect
              label={t("plans.kind")}
              placeholder={t("plans.allKinds")}
              data={PLAN_KINDS.map((value) => ({ value, label: t(`plans.kinds.${value}`) }))}
              value={filters.kind}
              onChange={(value) => setFilter("kind", value)}
              w={{ base: "100%", xs: 200 }}
            />
            {filtered && (
              <ClearFiltersButton
                label={t("plans.clearFilters")}
                iconSize={18}
                onClick={() => setParams(new URLSearchParams(), { replace: true })}
              />
            )}
          </Group>
        </Stack>
      </FiltersBar>
      <PagedList
        query={plans}
        empty={filtered ? t("plans.emptyFiltered") : planner ? t("plans.emptyPlanner") : t("plans.empty")}
        page={page}
        onPage={(next) => setFilter("page", String(next))}
      >
        {(data) => (
          <DataTable
            label={t("plans.listLabel")}
            rows={data.items}
            columns={columns}
            rowKey={(plan) => plan.id}
            cardTitle={(plan) => <PlanLink plan={plan} />}
            minWidth={820}
          />
        )}
      </PagedList>
    </Stack>
  );
}

function PlanLink({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={`/plans/${plan.id}`} fw={600} style={{ overflowWrap: "anywhere" }}>
        {plan.title}
      </Anchor>
      <Text size="sm" c="dimmed">
        {plan.number ? t("plans.numbered", { number: plan.number }) : t("plans.unnumbered")}
        {plan.parentPlan ? ` · ${t("plans.derivedFrom", { unit: plan.parentPlan.unitName })}` : ""}
      </Text>
    </Stack>
  );
}
