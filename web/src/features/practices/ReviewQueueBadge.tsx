import { Badge, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { can, useCurrentUser } from "../../lib/session";
import { useReviewQueueCounts } from "./api";

/** The navigation's count of models waiting for the caller's unit (refreshed every minute and after reviews). */
export function ReviewQueueBadge() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const counts = useReviewQueueCounts(can(user, "recognition.review"));
  const count = counts.data?.practices ?? 0;
  if (count === 0) return null;
  return (
    <>
      <Badge size="sm" circle={count < 10} color="red" aria-hidden data-testid="review-queue-badge">
        {count > 99 ? "99+" : count}
      </Badge>
      <VisuallyHidden>{t("practices.queue.badge", { count })}</VisuallyHidden>
    </>
  );
}
