import { Badge, Blockquote, Stack, Tabs, Text, Timeline } from "@mantine/core";
import {
  IconArrowBackUp,
  IconArrowUp,
  IconCircleCheck,
  IconCut,
  IconFileCheck,
  IconPencil,
  IconSend,
  IconTrash,
  IconTrendingUp,
} from "@tabler/icons-react";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDateTime } from "../../lib/format";
import { can, useCurrentUser } from "../../lib/session";
import {
  type DecisionStatus,
  type ProposalStatus,
  type RecipientKind,
  type Step,
  type StepAction,
  useQueueCount,
} from "./api";

const proposalColor: Record<ProposalStatus, string> = {
  draft: "gray",
  submitted: "blue",
  returned: "orange",
  approved: "teal",
};
const decisionColor: Record<DecisionStatus, string> = { draft: "gray", issued: "teal", corrected: "grape" };

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      status={status}
      colors={proposalColor}
      label={t(`commendations.proposalStatuses.${status}`)}
      style={{ maxWidth: "none" }}
    />
  );
}

export function DecisionStatusBadge({ status }: { status: DecisionStatus }) {
  const { t } = useTranslation();
  return (
    <StatusBadge
      status={status}
      colors={decisionColor}
      label={t(`commendations.decisionStatuses.${status}`)}
      style={{ maxWidth: "none" }}
    />
  );
}

export function KindBadge({ kind }: { kind: RecipientKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={kind === "collective" ? "indigo" : "cyan"} size="sm">
      {t(`commendations.kinds.${kind}`)}
    </Badge>
  );
}

/** "2025" or "giai đoạn 2016–2020" in the UI language. */
export function usePeriod() {
  const { t } = useTranslation();
  return (start: number, end: number) =>
    start === end
      ? t("commendations.periodYear", { year: start })
      : t("commendations.periodSpan", { from: start, to: end });
}

const TABS = ["proposals", "queue", "decisions", "forms"] as const;
type Tab = (typeof TABS)[number];
const TAB_PATHS: Record<Tab, string> = {
  proposals: "/commendations",
  queue: "/commendations?view=queue",
  decisions: "/commendations/decisions",
  forms: "/commendations/forms",
};

/** The module's own tabs: proposals, the review queue (with its count), decisions, the forms. */
export function CommendationTabs({ active }: { active: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const user = useCurrentUser();
  const reviewer = can(user, "commendations.review");
  const counts = useQueueCount(reviewer);
  const tabs = TABS.filter((tab) => tab !== "queue" || reviewer);
  return (
    <Tabs
      value={active}
      onChange={(value) => {
        const path = TAB_PATHS[(value ?? "proposals") as Tab];
        if (`${location.pathname}${location.search}` !== path) navigate(path);
      }}
      mb="sm"
    >
      <Tabs.List style={{ flexWrap: "wrap" }}>
        {tabs.map((tab) => {
          const count =
            tab === "queue"
              ? (counts.data?.proposals ?? 0)
              : tab === "decisions"
                ? (counts.data?.decisions ?? 0)
                : 0;
          return (
            <Tabs.Tab
              key={tab}
              value={tab}
              rightSection={
                count > 0 ? (
                  <Badge
                    size="sm"
                    color="red"
                    circle={count < 10}
                    aria-label={t(`commendations.tabCounts.${tab === "queue" ? "queue" : "decisions"}`, {
                      count,
                    })}
                  >
                    {count > 99 ? "99+" : count}
                  </Badge>
                ) : undefined
              }
            >
              {t(`commendations.tabs.${tab}`)}
            </Tabs.Tab>
          );
        })}
      </Tabs.List>
    </Tabs>
  );
}

const STEP_ICONS: Record<StepAction, ComponentType<{ size?: number }>> = {
  submit: IconSend,
  forward: IconArrowUp,
  return: IconArrowBackUp,
  trim: IconCut,
  raise: IconTrendingUp,
  approve: IconCircleCheck,
  discard: IconTrash,
  issue: IconFileCheck,
  correct: IconPencil,
};
const STEP_COLORS: Record<StepAction, string> = {
  submit: "blue",
  forward: "blue",
  return: "orange",
  trim: "yellow",
  raise: "grape",
  approve: "teal",
  discard: "gray",
  issue: "teal",
  correct: "grape",
};

/** Every step of a proposal or a decision, oldest first: what, by which unit and whom, when, why. */
export function StepsTimeline({ steps }: { steps: readonly Step[] }) {
  const { t } = useTranslation();
  if (steps.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("commendations.steps.none")}
      </Text>
    );
  return (
    <Timeline
      active={steps.length - 1}
      bulletSize={28}
      lineWidth={2}
      component="ol"
      m={0}
      style={{ listStyle: "none" }}
    >
      {steps.map((step, index) => {
        const Icon = STEP_ICONS[step.action];
        const where =
          step.from && step.to && step.from.id !== step.to.id
            ? t("commendations.steps.fromTo", { from: step.from.name, to: step.to.name })
            : (step.from?.name ?? step.to?.name ?? "");
        const trimmed = Array.isArray(step.details?.recipients)
          ? (step.details.recipients as { name?: string; reason?: string }[])
          : [];
        const raised = step.details?.to as { name?: string } | undefined;
        return (
          <Timeline.Item
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id and are never reordered
            key={index}
            component="li"
            bullet={<Icon size={14} />}
            color={STEP_COLORS[step.action]}
            title={t(`commendations.steps.actions.${step.action}`)}
          >
            {where && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {where}
              </Text>
            )}
            {step.action === "raise" && raised?.name && (
              <Text size="sm">{t("commendations.steps.raisedTo", { form: raised.name })}</Text>
            )}
            {trimmed.length > 0 && (
              <Stack component="ul" gap={2} my={4} pl="md">
                {trimmed.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
                  <Text component="li" size="sm" key={i} style={{ overflowWrap: "anywhere" }}>
                    {r.name}: {r.reason}
                  </Text>
                ))}
              </Stack>
            )}
            <Text size="xs" c="dimmed">
              {[step.actorName, formatDateTime(step.at)].filter(Boolean).join(" · ")}
            </Text>
            {step.comment && (
              <Blockquote
                p="xs"
                mt={4}
                fz="sm"
                color={STEP_COLORS[step.action]}
                style={{ whiteSpace: "pre-wrap" }}
              >
                {step.comment}
              </Blockquote>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
