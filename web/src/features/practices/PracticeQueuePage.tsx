import { Button, Stack, Text, VisuallyHidden } from "@mantine/core";
import { IconArrowBackUp, IconArrowUp, IconAward } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { type Practice, type ReviewDecision, usePracticeQueue } from "./api";
import { PracticeCard } from "./PracticeList";
import { ReviewModal } from "./ReviewModal";

/** Chờ xét duyệt: what waits for the caller's unit, oldest first, with the three decisions at hand. */
export function PracticeQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const queue = usePracticeQueue(page);
  const [reviewing, setReviewing] = useState<{ practice: Practice; decision: ReviewDecision } | null>(null);

  const quick = (practice: Practice, decision: ReviewDecision, icon: ReactNode) => (
    <Button
      size="compact-md"
      variant={decision === "recognise" ? "filled" : "light"}
      color={decision === "return" ? "orange" : undefined}
      leftSection={icon}
      onClick={() => setReviewing({ practice, decision })}
    >
      {t(`practices.review.decisions.${decision}`)}
      <VisuallyHidden>: {practice.title}</VisuallyHidden>
    </Button>
  );

  return (
    <Stack maw={1000}>
      <PageHeader title={t("practices.queue.title")} description={t("practices.queue.description")} />
      {queue.isPending ? (
        <ListSkeleton />
      ) : queue.isError ? (
        <ErrorAlert error={queue.error} onRetry={() => queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <EmptyList message={t("practices.queue.empty")} />
      ) : (
        <Stack style={{ opacity: queue.isPlaceholderData ? 0.6 : 1 }} aria-busy={queue.isPlaceholderData}>
          <Text size="sm" c="dimmed">
            {t("practices.queue.order")}
          </Text>
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            style={{ listStyle: "none" }}
            aria-label={t("practices.queue.listLabel")}
          >
            {queue.data.items.map((practice) => (
              <PracticeCard
                key={practice.id}
                practice={practice}
                actions={
                  practice.allowedActions.includes("review") ? (
                    <>
                      {quick(practice, "recognise", <IconAward size={16} />)}
                      {quick(practice, "forward", <IconArrowUp size={16} />)}
                      {quick(practice, "return", <IconArrowBackUp size={16} />)}
                    </>
                  ) : null
                }
              />
            ))}
          </Stack>
          <Pager
            page={page}
            pageSize={queue.data.pageSize}
            total={queue.data.total}
            estimate={queue.data.totalIsEstimate}
            onChange={(value) => setParams({ page: String(value) })}
          />
        </Stack>
      )}
      {reviewing && (
        <ReviewModal
          key={`${reviewing.practice.id}-${reviewing.decision}`}
          practice={reviewing.practice}
          initialDecision={reviewing.decision}
          opened
          onClose={() => setReviewing(null)}
        />
      )}
    </Stack>
  );
}
