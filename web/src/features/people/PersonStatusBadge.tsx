import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PersonStatus } from "./api";

const COLORS: Record<PersonStatus, string> = {
  active: "teal",
  transferred: "blue",
  deceased: "gray",
  removed: "orange",
};

export function PersonStatusBadge({ status }: { status: PersonStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" miw="max-content">
      {t(`people.statuses.${status}`)}
    </Badge>
  );
}
