import { useTranslation } from "react-i18next";
import { StatusBadge } from "../../components/StatusBadge";
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
    <StatusBadge status={status} colors={COLORS} label={t(`people.statuses.${status}`)} miw="max-content" />
  );
}
