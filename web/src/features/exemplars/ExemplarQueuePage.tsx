import { Anchor, Button, Group, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconArrowBackUp, IconArrowLeft, IconArrowUp, IconAward } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyList, ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { type Exemplar, type ReviewDecision, useExemplarQueue } from "./api";
import { ExemplarCard } from "./ExemplarList";
import { ReviewExemplarModal } from "./ReviewExemplarModal";

/** Chờ xét duyệt: the nominations waiting for the caller's unit, oldest first, with the three decisions at hand. */
export function ExemplarQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t("exemplars.queue.title")} · ${t("app.name")}`);
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const queue = useExemplarQueue(page);
  const [reviewing, setReviewing] = useState<{ exemplar: Exemplar; decision: ReviewDecision } | null>(null);

  const quick = (exemplar: Exemplar, decision: ReviewDecision, icon: ReactNode) => (
    <Button
      size="compact-md"
      variant={decision === "recognise" ? "filled" : "light"}
      color={decision === "return" ? "orange" : undefined}
      leftSection={icon}
      onClick={() => setReviewing({ exemplar, decision })}
    >
      {t(`exemplars.review.decisions.${decision}`)}
      <VisuallyHidden>: {exemplar.title}</VisuallyHidden>
    </Button>
  );

  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/exemplars" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("exemplars.title")}
        </Group>
      </Anchor>
      <PageHeader title={t("exemplars.queue.title")} description={t("exemplars.queue.description")} />
      {queue.isPending ? (
        <ListSkeleton />
      ) : queue.isError ? (
        <ErrorAlert error={queue.error} onRetry={() => queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <EmptyList message={t("exemplars.queue.empty")} />
      ) : (
        <Stack style={{ opacity: queue.isPlaceholderData ? 0.6 : 1 }} aria-busy={queue.isPlaceholderData}>
          <Text size="sm" c="dimmed">
            {t("exemplars.queue.order")}
          </Text>
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            style={{ listStyle: "none" }}
            aria-label={t("exemplars.queue.listLabel")}
          >
            {queue.data.items.map((exemplar) => (
              <ExemplarCard
                key={exemplar.id}
                exemplar={exemplar}
                actions={
                  exemplar.waitingForMe && exemplar.allowedActions.includes("review") ? (
                    <>
                      {quick(exemplar, "recognise", <IconAward size={16} />)}
                      {quick(exemplar, "forward", <IconArrowUp size={16} />)}
                      {quick(exemplar, "return", <IconArrowBackUp size={16} />)}
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
        <ReviewExemplarModal
          key={`${reviewing.exemplar.id}-${reviewing.decision}`}
          exemplar={reviewing.exemplar}
          initialDecision={reviewing.decision}
          opened
          onClose={() => setReviewing(null)}
        />
      )}
    </Stack>
  );
}
