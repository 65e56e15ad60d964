import { ReviewQueuePage } from "../../components/recognition/ReviewQueuePage";
import { usePracticeQueue, useReviewPractice } from "./api";
import { PracticeCard } from "./PracticeList";

/** Chờ xét duyệt: the models waiting for the caller's unit, oldest first, with the three decisions at hand. */
export function PracticeQueuePage() {
  return (
    <ReviewQueuePage
      area="practices"
      useQueue={usePracticeQueue}
      useReview={useReviewPractice}
      canReview={(practice) => practice.allowedActions.includes("review")}
      card={(practice, actions) => <PracticeCard key={practice.id} practice={practice} actions={actions} />}
    />
  );
}
