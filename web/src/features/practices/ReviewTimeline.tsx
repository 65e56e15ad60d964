import { Blockquote, Text, Timeline } from "@mantine/core";
import {
  IconArrowBackUp,
  IconArrowUp,
  IconAward,
  IconEyeOff,
  IconSend,
  IconWorld,
} from "@tabler/icons-react";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format";
import type { ReviewStep, ReviewStepAction } from "./api";

const ICONS: Record<ReviewStepAction, ComponentType<{ size?: number }>> = {
  submit: IconSend,
  forward: IconArrowUp,
  return: IconArrowBackUp,
  recognise: IconAward,
  publish: IconWorld,
  unpublish: IconEyeOff,
};
const COLORS: Record<ReviewStepAction, string> = {
  submit: "blue",
  forward: "blue",
  return: "orange",
  recognise: "teal",
  publish: "grape",
  unpublish: "gray",
};

/** Quá trình xét duyệt: every step, oldest first — what was done, by which unit and whom, when, and the comment. */
export function ReviewTimeline({ steps }: { steps: readonly ReviewStep[] }) {
  const { t } = useTranslation();
  if (steps.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("practices.history.none")}
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
        const Icon = ICONS[step.action];
        const where =
          step.from && step.to
            ? t("practices.history.fromTo", { from: step.from.name, to: step.to.name })
            : (step.from?.name ?? step.to?.name ?? "");
        return (
          <Timeline.Item
            // Steps have no id; their order is fixed.
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are never reordered
            key={index}
            component="li"
            bullet={<Icon size={14} />}
            color={COLORS[step.action]}
            title={t(`practices.history.actions.${step.action}`)}
          >
            {where && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {where}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {[step.actorName, formatDateTime(step.at)].filter(Boolean).join(" · ")}
            </Text>
            {step.comment && (
              <Blockquote
                p="xs"
                mt={4}
                fz="sm"
                color={COLORS[step.action]}
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
