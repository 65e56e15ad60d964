import { Alert, Button, Menu, Paper, Stack, Tabs, Text } from "@mantine/core";
import {
  IconArchive,
  IconArrowsMove,
  IconArrowsSplit,
  IconChartBar,
  IconChevronDown,
  IconGitMerge,
  IconInfoCircle,
  IconListCheck,
  IconPencil,
  IconPlus,
  IconSitemap,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { DetailList } from "../../components/DetailList";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { NotFoundPage } from "../../components/NotFoundPage";
import { PageHeader } from "../../components/PageHeader";
import { isApiError } from "../../lib/api";
import { formatDate, formatNumber } from "../../lib/format";
import { UnitCommendationsTab } from "../commendations/CommendationHistory";
import { PersonDrawer } from "../people/PersonDrawer";
import { UnitPracticesTab } from "../practices/UnitPracticesTab";
import { labelOf } from "./AdminAreaSelect";
import { type UnitDetail, useUnit } from "./api";
import { DissolveUnitModal } from "./DissolveUnitModal";
import { MergeUnitsModal } from "./MergeUnitsModal";
import { MoveUnitModal } from "./MoveUnitModal";
import { SplitUnitModal } from "./SplitUnitModal";
import { UnitBreadcrumb } from "./UnitBreadcrumb";
import { UnitChildrenTab } from "./UnitChildrenTab";
import { UnitFormModal } from "./UnitFormModal";
import { UnitHistoryTab } from "./UnitHistoryTab";
import { UnitPeopleTab } from "./UnitPeopleTab";
import { UnitStatsPanel } from "./UnitStatsPanel";
import { SuccessorLink, UnitStatusBadge } from "./UnitStatusBadge";

type Dialog = "edit" | "createChild" | "move" | "merge" | "split" | "dissolve" | null;
const TABS = ["children", "people", "practices", "commendations", "history"] as const;
type Tab = (typeof TABS)[number];

/** Một đơn vị: where it sits, its details and figures, its sub-units, members and history. */
export function UnitPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const unit = useUnit(id);
  if (unit.isPending) return <PageLoader />;
  if (unit.isError) {
    if (isApiError(unit.error, "NOT_FOUND") || isApiError(unit.error, "VALIDATION_FAILED"))
      return <NotFoundPage />;
    return (
      <Stack>
        <PageHeader title={t("units.title")} />
        <ErrorAlert error={unit.error} onRetry={() => unit.refetch()} />
      </Stack>
    );
  }
  return <UnitView key={unit.data.unit.id} unit={unit.data.unit} />;
}

function UnitView({ unit }: { unit: UnitDetail }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get("tab");
  // A cell has no sub-units: its members are what one comes to see.
  const defaultTab: Tab = unit.childCount > 0 ? "children" : "people";
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : defaultTab;
  const [dialog, setDialog] = useState<Dialog>(null);
  const allowed = new Set(unit.allowedActions);
  const reorganise =
    allowed.has("move") || allowed.has("merge") || allowed.has("split") || allowed.has("dissolve");
  const closed = unit.status !== "active";
  const kind = unit.kind ? (i18n.resolvedLanguage === "en" ? unit.kind.nameEn : unit.kind.name) : "";

  const details = [
    { key: "code", label: t("units.code"), value: unit.code },
    { key: "kind", label: t("units.kind"), value: kind },
    { key: "status", label: t("units.status"), value: <UnitStatusBadge status={unit.status} /> },
    { key: "documentCode", label: t("units.documentCode"), value: unit.documentCode },
    {
      key: "terms",
      label: t("units.terms"),
      value: unit.terms?.length ? (
        <Stack gap={0} component="span">
          {unit.terms.map((term) => (
            <span key={`${term.name}-${term.start}`}>
              {term.name} ({formatDate(term.start)} – {term.end ? formatDate(term.end) : t("units.ongoing")})
            </span>
          ))}
        </Stack>
      ) : null,
    },
    { key: "activeFrom", label: t("units.activeFrom"), value: formatDate(unit.activeFrom) },
    ...(unit.activeTo || closed
      ? [{ key: "activeTo", label: t("units.activeTo"), value: formatDate(unit.activeTo) }]
      : []),
    ...(unit.shortName ? [{ key: "shortName", label: t("units.shortName"), value: unit.shortName }] : []),
    ...(unit.adminAreaCode
      ? [
          {
            key: "adminArea",
            label: t("units.adminArea.label"),
            value: unit.adminArea
              ? `${labelOf(unit.adminArea)} (${unit.adminArea.code})`
              : unit.adminAreaCode,
          },
        ]
      : []),
    ...(unit.contact?.phone ? [{ key: "phone", label: t("units.phone"), value: unit.contact.phone }] : []),
    ...(unit.contact?.email ? [{ key: "email", label: t("units.email"), value: unit.contact.email }] : []),
    ...(unit.contact?.address
      ? [{ key: "address", label: t("units.address"), value: unit.contact.address }]
      : []),
  ];

  return (
    <Stack maw={1200}>
      <UnitBreadcrumb crumbs={unit.breadcrumb} />
      <PageHeader
        title={unit.name}
        description={[kind, unit.code].filter(Boolean).join(" · ")}
        actions={
          <>
            <Button
              variant="subtle"
              component={Link}
              to={`/units?root=${encodeURIComponent(unit.id)}`}
              leftSection={<IconSitemap size={18} />}
            >
              {t("units.showInTree")}
            </Button>
            <Button
              variant="subtle"
              component={Link}
              to={`/dashboard?unit=${encodeURIComponent(unit.id)}`}
              leftSection={<IconChartBar size={18} />}
            >
              {t("dashboard.open")}
            </Button>
            <Button
              variant="subtle"
              component={Link}
              to={`/commitments?unit=${encodeURIComponent(unit.id)}`}
              leftSection={<IconListCheck size={18} />}
            >
              {t("commitments.nav.staff")}
            </Button>
            {allowed.has("update") && (
              <Button
                variant="default"
                leftSection={<IconPencil size={18} />}
                onClick={() => setDialog("edit")}
              >
                {t("units.edit")}
              </Button>
            )}
            {allowed.has("createChild") && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => setDialog("createChild")}>
                {t("units.addChild")}
              </Button>
            )}
            {reorganise && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={16} />}>
                    {t("units.reorganise")}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {allowed.has("move") && (
                    <Menu.Item leftSection={<IconArrowsMove size={16} />} onClick={() => setDialog("move")}>
                      {t("units.move.action")}
                    </Menu.Item>
                  )}
                  {allowed.has("merge") && (
                    <Menu.Item leftSection={<IconGitMerge size={16} />} onClick={() => setDialog("merge")}>
                      {t("units.merge.action")}
                    </Menu.Item>
                  )}
                  {allowed.has("split") && (
                    <Menu.Item leftSection={<IconArrowsSplit size={16} />} onClick={() => setDialog("split")}>
                      {t("units.split.action")}
                    </Menu.Item>
                  )}
                  {allowed.has("dissolve") && (
                    <Menu.Item
                      color="red"
                      leftSection={<IconArchive size={16} />}
                      onClick={() => setDialog("dissolve")}
                    >
                      {t("units.dissolve.action")}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />

      {closed && (
        <Alert
          color="gray"
          icon={<IconInfoCircle />}
          title={t(`units.closedTitle.${unit.status === "merged" ? "merged" : "dissolved"}`)}
        >
          <Stack gap={4}>
            <Text size="sm">
              {unit.activeTo
                ? t("units.closedSince", { date: formatDate(unit.activeTo) })
                : t("units.closedNote")}
            </Text>
            {unit.successor && <SuccessorLink successor={unit.successor} />}
          </Stack>
        </Alert>
      )}

      <Paper
        withBorder
        radius="md"
        p={{ base: "sm", sm: "md" }}
        component="section"
        aria-label={t("units.details")}
      >
        <DetailList items={details} />
      </Paper>

      <UnitStatsPanel unitId={unit.id} />

      <Tabs
        value={tab}
        onChange={(value) =>
          setParams(
            (current) => {
              const next = new URLSearchParams(current);
              if (value && value !== defaultTab) next.set("tab", value);
              else next.delete("tab");
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
        mt="sm"
      >
        <Tabs.List>
          <Tabs.Tab value="children">
            {t("units.tabs.children", {
              count: formatNumber(unit.childCount, i18n.resolvedLanguage ?? "vi"),
            })}
          </Tabs.Tab>
          <Tabs.Tab value="people">{t("units.tabs.people")}</Tabs.Tab>
          <Tabs.Tab value="practices">{t("practices.unitTab.tab")}</Tabs.Tab>
          <Tabs.Tab value="commendations">{t("commendations.history.tab")}</Tabs.Tab>
          <Tabs.Tab value="history">{t("units.tabs.history")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="children" pt="md">
          <UnitChildrenTab unitId={unit.id} />
        </Tabs.Panel>
        <Tabs.Panel value="people" pt="md">
          <UnitPeopleTab unitId={unit.id} />
        </Tabs.Panel>
        <Tabs.Panel value="practices" pt="md">
          <UnitPracticesTab unitId={unit.id} />
        </Tabs.Panel>
        <Tabs.Panel value="commendations" pt="md">
          <UnitCommendationsTab unitId={unit.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <UnitHistoryTab unitId={unit.id} />
        </Tabs.Panel>
      </Tabs>

      <UnitFormModal
        opened={dialog === "edit" || dialog === "createChild"}
        onClose={() => setDialog(null)}
        mode={dialog === "createChild" ? { kind: "create", parent: unit } : { kind: "edit", unit }}
      />
      <MoveUnitModal opened={dialog === "move"} onClose={() => setDialog(null)} unit={unit} />
      <MergeUnitsModal opened={dialog === "merge"} onClose={() => setDialog(null)} unit={unit} />
      <SplitUnitModal opened={dialog === "split"} onClose={() => setDialog(null)} unit={unit} />
      <DissolveUnitModal opened={dialog === "dissolve"} onClose={() => setDialog(null)} unit={unit} />
      <PersonDrawer />
    </Stack>
  );
}
