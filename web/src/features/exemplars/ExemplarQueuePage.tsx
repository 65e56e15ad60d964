import { useTranslation } from "react-i18next";
import { BackLink } from "../../components/BackLink";
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
      above={<BackLink to="/exemplars" label={t("exemplars.title")} />}
    />
  );
}
