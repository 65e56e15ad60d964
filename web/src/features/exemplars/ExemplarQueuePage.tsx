import { Anchor, Group } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ReviewQueuePage } from "../../components/recognition/ReviewQueuePage";
import { useExemplarQueue, useReviewExemplar } from "./api";
import { ExemplarCard } from "./ExemplarList";

/** Chờ xét duyệt: the nominations waiting for the caller's unit, oldest first, with the three decisions at hand. */
export function ExemplarQueuePage() {
  const { t } = useTranslation();
  return (
    <ReviewQueuePage
      area="exemplars"
      useQueue={useExemplarQueue}
      useReview={useReviewExemplar}
      canReview={(exemplar) => exemplar.waitingForMe && exemplar.allowedActions.includes("review")}
      card={(exemplar, actions) => <ExemplarCard key={exemplar.id} exemplar={exemplar} actions={actions} />}
      above={
        <Anchor component={Link} to="/exemplars" size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            {t("exemplars.title")}
          </Group>
        </Anchor>
      }
    />
  );
}
