import { Alert, Anchor, Button, Group, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconBellRinging, IconLock } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { BareList } from "../../components/BareList";
import { ConfirmModal } from "../../components/ConfirmModal";
import { EmptyList, ErrorAlert, ListSkeleton, PageLoader } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { thisYear, YearSelect } from "../../components/YearSelect";
import { formatNumber } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import { type UnitDetail, useUnit, useUnitChildren } from "../units/api";
import { UnitSelect } from "../units/UnitSelect";
import { useCloseYear, useRunReminders } from "./api";
import { RatingSheetPanel } from "./RatingSheet";
import { TemplateTab } from "./TemplateEditor";
import { UnitCommitmentsList } from "./UnitCommitmentsList";

const TABS = ["list", "ratings", "template"] as const;
type Tab = (typeof TABS)[number];

/**
 * Cam kết & xếp loại of a unit (the caller's by default; any of their subtree, from the unit page
 * or the picker), for a year: who has and has not submitted, the cell's rating sheet (or, above
 * the cells, the cells to choose from), the template and the ratings' due day. Officers also send
 * the reminders now and close the year. The unit, year and tab are kept in the address.
 */
export function CommitmentsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const unitId = params.get("unit") || user.unitId;
  const year = Number(params.get("year")) || thisYear();
  const tabParam = params.get("tab");
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : "list";
  const unit = useUnit(unitId);
  const officer = can(user, "commitments.closeYear");

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

  return (
    <Stack maw={1200} gap="md">
      <PageHeader
        title={t("commitments.staff.title")}
        description={
          unit.data ? t("commitments.staff.description", { unit: unit.data.unit.name, year }) : undefined
        }
        actions={officer ? <RemindNowButton year={year} /> : undefined}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <UnitSelect
          label={t("commitments.staff.unit")}
          value={unitId}
          initialUnit={unit.data ? { id: unit.data.unit.id, name: unit.data.unit.name } : null}
          onChange={(picked) => setParam({ unit: picked?.id ?? null })}
          activeOnly
        />
        <YearSelect
          label={t("commitments.year")}
          value={year}
          onChange={(next) => setParam({ year: String(next) })}
        />
      </Group>
      {unit.isPending ? (
        <PageLoader />
      ) : unit.isError ? (
        <ErrorAlert error={unit.error} onRetry={() => unit.refetch()} />
      ) : (
        <Tabs
          value={tab}
          onChange={(value) => setParam({ tab: value === "list" ? null : value })}
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="list">{t("commitments.staff.tabs.list")}</Tabs.Tab>
            <Tabs.Tab value="ratings">{t("commitments.staff.tabs.ratings")}</Tabs.Tab>
            <Tabs.Tab value="template">{t("commitments.staff.tabs.template")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="list" pt="md">
            <UnitCommitmentsList unitId={unitId} year={year} />
          </Tabs.Panel>
          <Tabs.Panel value="ratings" pt="md">
            <Stack gap="lg">
              {isCell(unit.data.unit) ? (
                <RatingSheetPanel unitId={unitId} year={year} />
              ) : (
                <CellPicker unit={unit.data.unit} year={year} />
              )}
              {officer && <CloseYearPanel unit={unit.data.unit} year={year} />}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="template" pt="md">
            <TemplateTab unitId={unitId} year={year} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

/** A cell (or any unit without sub-units) keeps a rating sheet of its own members. */
const isCell = (unit: UnitDetail) => unit.kind?.code === "cell" || unit.childCount === 0;

/** Above the cells: the units below, to open one's rating sheet. */
function CellPicker({ unit, year }: { unit: UnitDetail; year: number }) {
  const { t, i18n } = useTranslation();
  const children = useUnitChildren(unit.id, { q: "", page: 1 });
  return (
    <Stack gap="sm">
      <Text>{t("commitments.staff.pickCell")}</Text>
      {children.isPending ? (
        <ListSkeleton rows={3} />
      ) : children.isError ? (
        <ErrorAlert error={children.error} onRetry={() => children.refetch()} />
      ) : children.data.items.length === 0 ? (
        <EmptyList />
      ) : (
        <BareList gap={6} data-testid="cell-picker">
          {children.data.items.map((child) => (
            <li key={child.id}>
              <Anchor component={Link} to={`/commitments?unit=${child.id}&tab=ratings&year=${year}`}>
                {child.name}
              </Anchor>
              {child.childCount > 0 && (
                <Text span size="sm" c="dimmed">
                  {" "}
                  ·{" "}
                  {t("commitments.staff.subUnits", {
                    count: formatNumber(child.childCount, i18n.resolvedLanguage ?? "vi"),
                  })}
                </Text>
              )}
            </li>
          ))}
        </BareList>
      )}
    </Stack>
  );
}

/** Khóa sổ: closes the year for the unit's whole subtree, after a confirmation. */
function CloseYearPanel({ unit, year }: { unit: UnitDetail; year: number }) {
  const { t } = useTranslation();
  const close = useCloseYear();
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState("");
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="close-year-title">
      <Stack gap="xs" align="flex-start">
        <Title order={2} fz="h5" id="close-year-title">
          {t("commitments.close.title", { year })}
        </Title>
        <Text size="sm" c="dimmed">
          {t("commitments.close.explain", { unit: unit.name })}
        </Text>
        <Button
          variant="default"
          color="dark"
          leftSection={<IconLock size={18} aria-hidden />}
          onClick={() => setAsking(true)}
        >
          {t("commitments.close.action", { year })}
        </Button>
        <Text role="status" aria-live="polite" size="sm" c="teal">
          {done}
        </Text>
      </Stack>
      <ConfirmModal
        opened={asking}
        onClose={() => {
          setAsking(false);
          close.reset();
        }}
        onConfirm={() =>
          close.mutate(
            { unitId: unit.id, year },
            {
              onSuccess: () => {
                setAsking(false);
                setDone(t("commitments.close.done", { unit: unit.name, year }));
              },
            },
          )
        }
        title={t("commitments.close.confirmTitle", { year })}
        message={t("commitments.close.confirmMessage", { unit: unit.name, year })}
        confirmLabel={t("commitments.close.confirm")}
        loading={close.isPending}
        error={close.error}
      />
    </Paper>
  );
}

/** "Nhắc nhở ngay": the reminders of the caller's subtree, now; says how many went and how many had been reminded. */
function RemindNowButton({ year }: { year: number }) {
  const { t } = useTranslation();
  const run = useRunReminders();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button
        variant="light"
        leftSection={<IconBellRinging size={18} aria-hidden />}
        onClick={() => setAsking(true)}
      >
        {t("commitments.remind.action")}
      </Button>
      <ConfirmModal
        opened={asking}
        onClose={() => {
          setAsking(false);
          run.reset();
        }}
        onConfirm={() => run.mutate(year)}
        title={t("commitments.remind.title", { year })}
        message={t("commitments.remind.explain")}
        confirmLabel={t("commitments.remind.confirm")}
        color="red"
        loading={run.isPending}
        error={run.error}
        extra={
          run.data ? (
            <Alert color="teal" role="status">
              <Text size="sm">
                {t("commitments.remind.result", {
                  commitment: run.data.commitment.sent,
                  commitmentLate: run.data.commitment.late,
                  ratings: run.data.ratings.sent,
                  ratingsLate: run.data.ratings.late,
                })}
              </Text>
            </Alert>
          ) : undefined
        }
      />
    </>
  );
}
