import { Anchor, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StatusBadge } from "../../components/StatusBadge";
import type { UnitStatus } from "./api";

const COLORS: Record<UnitStatus, string> = { active: "teal", merged: "gray", dissolved: "gray" };

/** "Đang hoạt động", or for a closed unit "Đã hợp nhất" / "Đã giải thể". */
export function UnitStatusBadge({ status, size = "md" }: { status: UnitStatus; size?: "sm" | "md" }) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      status={status}
      colors={COLORS}
      label={t(`units.statuses.${status}`)}
      variant={status === "active" ? "light" : "outline"}
      size={size}
      miw="max-content"
    />
  );
}

/** Where a merged unit went: "→ hợp nhất vào <link>". */
export function SuccessorLink({
  successor,
  tabIndex,
}: {
  successor: { id: string; name: string };
  /** -1 inside a tree item, whose keyboard stop is the item itself. */
  tabIndex?: number;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap" component="span">
      <Text span size="sm" c="dimmed">
        {t("units.mergedInto")}
      </Text>
      <Anchor component={Link} to={`/units/${successor.id}`} size="sm" tabIndex={tabIndex}>
        {successor.name}
      </Anchor>
    </Group>
  );
}

/**
 * Closed units are shown greyed next to the red links of active ones; a dark grey, not the pale
 * "dimmed" one, so that the name stays readable (contrast above 4.5:1) for older eyes.
 */
export const CLOSED_UNIT_COLOR = "gray.7";
