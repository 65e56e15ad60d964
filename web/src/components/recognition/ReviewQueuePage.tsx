import { Button, Stack, Text, VisuallyHidden } from "@mantine/core";
import { IconArrowBackUp, IconArrowUp, IconAward } from "@tabler/icons-react";
import type { UseMutationResult, UseQueryResult } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { Page } from "../../lib/api";
import { BareList } from "../BareList";
import { PagedList } from "../PagedList";
import { PageHeader } from "../PageHeader";
import { type RecognitionArea, type ReviewDecision, type ReviewInput, ReviewModal } from "./ReviewModal";

interface Queued {
  id: string;
  title: string;
}

/**
 * Chờ xét duyệt: what waits for the caller's unit, oldest first, with the three decisions at hand
 * on each card the caller may review.
 */
export function ReviewQueuePage<T extends Queued, Data>({
  area,
  useQueue,
  useReview,
  canReview,
  card,
  above,
}: {
  area: RecognitionArea;
  useQueue: (page: number) => UseQueryResult<Page<T>, Error>;
  useReview: () => UseMutationResult<Data, Error, ReviewInput>;
  canReview: (item: T) => boolean;
  /** The item's card, with the decision buttons (or nothing) as its actions. */
  card: (item: T, actions: ReactNode) => ReactNode;
  /** What stands above the heading (a link back). */
  above?: ReactNode;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const queue = useQueue(page);
  const [reviewing, setReviewing] = useState<{ item: T; decision: ReviewDecision } | null>(null);

  const quick = (item: T, decision: ReviewDecision, icon: ReactNode) => (
    <Button
      size="compact-md"
      variant={decision === "recognise" ? "filled" : "light"}
      color={decision === "return" ? "orange" : undefined}
      leftSection={icon}
      onClick={() => setReviewing({ item, decision })}
    >
      {t(`${area}.review.decisions.${decision}`)}
      <VisuallyHidden>: {item.title}</VisuallyHidden>
    </Button>
  );

  return (
    <Stack maw={1000}>
      {above}
      <PageHeader title={t(`${area}.queue.title`)} description={t(`${area}.queue.description`)} />
      <PagedList
        query={queue}
        empty={t(`${area}.queue.empty`)}
        page={page}
        onPage={(value) => setParams({ page: String(value) })}
      >
        {(data) => (
          <>
            <Text size="sm" c="dimmed">
              {t(`${area}.queue.order`)}
            </Text>
            <BareList gap="sm" aria-label={t(`${area}.queue.listLabel`)}>
              {data.items.map((item) =>
                card(
                  item,
                  canReview(item) ? (
                    <>
                      {quick(item, "recognise", <IconAward size={16} />)}
                      {quick(item, "forward", <IconArrowUp size={16} />)}
                      {quick(item, "return", <IconArrowBackUp size={16} />)}
                    </>
                  ) : null,
                ),
              )}
            </BareList>
          </>
        )}
      </PagedList>
      {reviewing && (
        <ReviewModal
          key={`${reviewing.item.id}-${reviewing.decision}`}
          area={area}
          item={reviewing.item}
          useReview={useReview}
          initialDecision={reviewing.decision}
          opened
          onClose={() => setReviewing(null)}
        />
      )}
    </Stack>
  );
}
