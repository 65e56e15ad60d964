import { Badge, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { can, useCurrentUser } from "../../lib/session";
import { useReviewQueueCounts } from "../practices/api";

/** The navigation's count of nominations waiting for the caller's unit (shared with the models' badge query). */
export function ExemplarQueueBadge() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const counts = useReviewQueueCounts(can(user, "recognition.review"));
  const count = counts.data?.exemplars ?? 0;
  if (count === 0) return null;
  return (
    <>
      <Badge size="sm" circle={count < 10} color="red" aria-hidden data-testid="exemplar-queue-badge">
        {count > 99 ? "99+" : count}
      </Badge>
      <VisuallyHidden>{t("exemplars.queue.badge", { count })}</VisuallyHidden>
    </>
  );
}
