import { Stack, Text, ThemeIcon, Timeline } from "@mantine/core";
import {
  IconArchive,
  IconArrowsMove,
  IconArrowsSplit,
  IconCirclePlus,
  IconGitMerge,
  IconPencil,
  IconPoint,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { formatDate, formatDateTime } from "../../lib/format";
import { type UnitEvent, useUnitHistory } from "./api";
import { UnitName } from "./UnitName";

const ICONS: Record<string, ReactNode> = {
  created: <IconCirclePlus size={14} />,
  renamed: <IconPencil size={14} />,
  moved: <IconArrowsMove size={14} />,
  merged: <IconGitMerge size={14} />,
  split: <IconArrowsSplit size={14} />,
  dissolved: <IconArchive size={14} />,
};
const KNOWN = ["created", "renamed", "moved", "merged", "split", "dissolved"] as const;

/** The new units of a split, as its event names them. */
function splitParts(details: unknown): { id: string; name: string }[] {
  const parts = (details as { parts?: unknown } | null)?.parts;
  return Array.isArray(parts)
    ? parts.filter(
        (p): p is { id: string; name: string } => typeof p?.id === "string" && typeof p?.name === "string",
      )
    : [];
}
const closedBySplit = (details: unknown) => (details as { closed?: unknown } | null)?.closed === true;

function field(details: unknown, key: string): string | null {
  if (typeof details !== "object" || details === null) return null;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}

/** Lịch sử: founding, renames, moves, merges and dissolution, newest first. */
export function UnitHistoryTab({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const history = useUnitHistory(unitId);
  if (history.isPending) return <ListSkeleton rows={3} />;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => history.refetch()} />;
  if (history.data.items.length === 0) return <EmptyList />;
  return (
    <Timeline bulletSize={26} lineWidth={2} aria-label={t("units.tabs.history")}>
      {history.data.items.map((event) => (
        <Timeline.Item
          key={event.id}
          bullet={
            <ThemeIcon size={26} radius="xl" variant="light" aria-hidden>
              {ICONS[event.kind] ?? <IconPoint size={14} />}
            </ThemeIcon>
          }
          title={
            <Text fw={600} size="sm">
              {(KNOWN as readonly string[]).includes(event.kind)
                ? t(`units.history.${event.kind as (typeof KNOWN)[number]}`)
                : event.kind}{" "}
              · {formatDate(event.on)}
            </Text>
          }
        >
          <EventDetails event={event} />
          <Text size="xs" c="dimmed" mt={2}>
            {t("units.history.recordedAt", { at: formatDateTime(event.at) })}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function EventDetails({ event }: { event: UnitEvent }) {
  const { t } = useTranslation();
  switch (event.kind) {
    case "created":
      return (
        <>
          {field(event.details, "name") && (
            <Text size="sm">{t("units.history.createdAs", { name: field(event.details, "name") })}</Text>
          )}
          {field(event.details, "splitFromId") && (
            <Text size="sm" component="div">
              {t("units.history.splitFrom")} <UnitName id={field(event.details, "splitFromId")} />
            </Text>
          )}
        </>
      );
    case "split": {
      const parts = splitParts(event.details);
      return (
        <Stack gap={2}>
          <Text size="sm">
            {t(closedBySplit(event.details) ? "units.history.splitClosed" : "units.history.splitKept")}
          </Text>
          <Text size="sm" component="ul" m={0} pl="md">
            {parts.map((part) => (
              <li key={part.id}>
                <UnitName id={part.id} />
              </li>
            ))}
          </Text>
        </Stack>
      );
    }
    case "renamed":
      return (
        <Text size="sm">
          {t("units.history.renamedFromTo", {
            from: field(event.details, "from") ?? "—",
            to: field(event.details, "to") ?? "—",
          })}
        </Text>
      );
    case "moved":
      return (
        <Text size="sm" component="div">
          {t("units.history.movedFrom")} <UnitName id={field(event.details, "fromParentId")} />{" "}
          {t("units.history.movedTo")} <UnitName id={field(event.details, "toParentId")} />
        </Text>
      );
    case "merged":
      return (
        <Text size="sm" component="div">
          {t("units.mergedInto")} <UnitName id={field(event.details, "successorId")} />
        </Text>
      );
    default:
      return null;
  }
}
