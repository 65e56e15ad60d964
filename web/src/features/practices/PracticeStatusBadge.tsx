import { Badge } from "@mantine/core";
import { IconWorld } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../../components/StatusBadge";
import type { ReviewStatus } from "./api";

const COLORS: Record<ReviewStatus, string> = {
  draft: "gray",
  submitted: "blue",
  returned: "orange",
  recognised: "teal",
};

/** "Đang soạn", "Chờ xét duyệt", "Bị trả lại", "Đã công nhận". */
export function PracticeStatusBadge({ status, size = "md" }: { status: ReviewStatus; size?: "sm" | "md" }) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      status={status}
      colors={COLORS}
      label={t(`practices.statuses.${status}`)}
      size={size}
      miw="max-content"
    />
  );
}

/** Shown on the public showcase. */
export function PublicBadge({ size = "md" }: { size?: "sm" | "md" }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="grape"
      variant="outline"
      size={size}
      miw="max-content"
      leftSection={<IconWorld size={12} aria-hidden />}
    >
      {t("practices.public")}
    </Badge>
  );
}
