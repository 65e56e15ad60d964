import { Badge, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { can, useCurrentUser } from "../../lib/session";
import { useQueueCount } from "./api";

/** The navigation's count: proposals waiting for the user's unit and its draft decisions to issue. */
export function CommendationQueueBadge() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const counts = useQueueCount(can(user, "commendations.review"));
  const proposals = counts.data?.proposals ?? 0;
  const decisions = counts.data?.decisions ?? 0;
  const count = proposals + decisions;
  if (count === 0) return null;
  return (
    <>
      <Badge size="sm" circle={count < 10} color="red" aria-hidden data-testid="commendation-queue-badge">
        {count > 99 ? "99+" : count}
      </Badge>
      <VisuallyHidden>{t("commendations.queueBadge", { proposals, decisions })}</VisuallyHidden>
    </>
  );
}
