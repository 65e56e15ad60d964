import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../../components/StatusBadge";
import { formatNumber } from "../../lib/format";
import type { ReportStatus, Timeliness } from "./api";

const STATUS_COLORS: Record<ReportStatus, string> = {
  not_started: "gray",
  draft: "blue",
  submitted: "yellow",
  returned: "red",
  accepted: "green",
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <StatusBadge status={status} colors={STATUS_COLORS} label={t(`reports.status.${status}`)} />;
}

export function TimelinessBadge({
  timeliness,
  overdue,
}: {
  timeliness: Timeliness | null;
  overdue?: boolean;
}) {
  const { t } = useTranslation();
  if (timeliness)
    return (
      <Badge variant="outline" color={timeliness === "on_time" ? "green" : "orange"}>
        {t(`reports.timeliness.${timeliness}`)}
      </Badge>
    );
  if (overdue)
    return (
      <Badge variant="outline" color="red">
        {t("reports.timeliness.overdue")}
      </Badge>
    );
  return null;
}

/** A share of a total, one decimal, in the UI language's way (66,7% / 66.7%). */
export const percent = (part: number, total: number, locale: string) =>
  `${formatNumber(total === 0 ? 0 : Math.round((part / total) * 1000) / 10, locale)}%`;
