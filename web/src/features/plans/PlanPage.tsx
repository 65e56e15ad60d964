import { Alert, Anchor, Button, Paper, Stack, Text } from "@mantine/core";
import {
  IconFileWord,
  IconGitBranch,
  IconInfoCircle,
  IconPencil,
  IconSend,
  IconTrash,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { ConfirmModal } from "../../components/ConfirmModal";
import { DetailList } from "../../components/DetailList";
import { PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { QueryFailure } from "../../components/QueryFailure";
import { Prose, Section } from "../../components/Section";
import { formatDate } from "../../lib/format";
import {
  downloadPlanDocx,
  type PlanDetail,
  useDeletePlan,
  useDerivePlan,
  usePlan,
  usePlanCascade,
} from "./api";
import { CascadePanel } from "./CascadePanel";
import { IssuePlanModal } from "./IssuePlanModal";
import { PlanStatusBadge, usePeriodLabel } from "./PlanBits";
import { PlanTasks } from "./PlanTasks";

/** A plan: its header facts, text, objectives and tasks (progress reported by their units), and for the units above, the cascade. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const plan = usePlan(id);
  if (plan.isPending) return <PageLoader />;
  if (plan.isError) return <QueryFailure query={plan} />;
  return (
    <Stack maw={1100}>
      <BackLink to="/plans" label={t("plans.back")} />
      <PlanView plan={plan.data} />
    </Stack>
  );
}

function PlanView({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const periodOf = usePeriodLabel();
  const [dialog, setDialog] = useState<"issue" | "delete" | "derive" | null>(null);
  const [downloading, setDownloading] = useState(false);
  const remove = useDeletePlan(plan.id);
  const derive = useDerivePlan(plan.id);
  const can = (action: PlanDetail["allowedActions"][number]) => plan.allowedActions.includes(action);
  const followsCascade = can("cascade") && plan.status === "issued";
  const cascade = usePlanCascade(plan.id, followsCascade);
  const close = () => {
    setDialog(null);
    remove.reset();
    derive.reset();
  };

  const download = async () => {
    setDownloading(true);
    try {
      await downloadPlanDocx(plan);
    } catch (error) {
      notifyError(error instanceof Error ? error.message : t("errors.unknown"));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <PageHeader
        title={plan.title}
        description={plan.summary}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconFileWord size={18} />}
              loading={downloading}
              onClick={download}
            >
              {plan.status === "issued" ? t("plans.download") : t("plans.downloadDraft")}
            </Button>
            {can("update") && (
              <Button
                variant="default"
                component={Link}
                to={`/plans/${plan.id}/edit`}
                leftSection={<IconPencil size={18} />}
              >
                {t("plans.edit")}
              </Button>
            )}
            {can("delete") && (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={18} />}
                onClick={() => setDialog("delete")}
              >
                {t("plans.delete.action")}
              </Button>
            )}
            {can("issue") && (
              <Button leftSection={<IconSend size={18} />} onClick={() => setDialog("issue")}>
                {t("plans.issue.action")}
              </Button>
            )}
            {plan.derivation.mayDerive && (
              <Button leftSection={<IconGitBranch size={18} />} onClick={() => setDialog("derive")}>
                {t("plans.derive.action")}
              </Button>
            )}
          </>
        }
      />
      {plan.derivation.derivedPlan && (
        <Alert color="blue" icon={<IconInfoCircle />}>
          {plan.derivation.derivedPlan.status === "issued"
            ? t("plans.derive.issuedAlready")
            : t("plans.derive.startedAlready")}{" "}
          <Anchor component={Link} to={`/plans/${plan.derivation.derivedPlan.id}`}>
            {t("plans.derive.open")}
          </Anchor>
        </Alert>
      )}
      {plan.status === "draft" && (
        <Alert color="gray" icon={<IconInfoCircle />}>
          {t("plans.draftNotice")}
        </Alert>
      )}
      <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
        <DetailList
          items={[
            { key: "unit", label: t("plans.fields.unit"), value: plan.unit.name },
            { key: "period", label: t("plans.fields.period"), value: periodOf(plan) },
            {
              key: "status",
              label: t("plans.columns.status"),
              value: <PlanStatusBadge status={plan.status} />,
            },
            { key: "number", label: t("plans.fields.number"), value: plan.number ?? "" },
            {
              key: "issuedOn",
              label: t("plans.fields.issuedOn"),
              value: plan.issuedOn
                ? `${plan.place ? `${plan.place}, ` : ""}${formatDate(plan.issuedOn)}`
                : "",
            },
            {
              key: "parent",
              label: t("plans.fields.parentPlan"),
              value: plan.parentPlan ? (
                <Anchor component={Link} to={`/plans/${plan.parentPlan.id}`}>
                  {plan.parentPlan.title} ({plan.parentPlan.unitName})
                </Anchor>
              ) : (
                ""
              ),
            },
            {
              key: "signer",
              label: t("plans.fields.signer"),
              value: [plan.signer.title, plan.signer.name].filter(Boolean).join(" "),
            },
          ]}
        />
      </Paper>
      {plan.preamble && (
        <Section id="plan-preamble" title={t("plans.fields.preamble")}>
          <Prose text={plan.preamble} />
        </Section>
      )}
      {plan.purpose && (
        <Section id="plan-purpose" title={t("plans.fields.purpose")}>
          <Prose text={plan.purpose} />
        </Section>
      )}
      <Section id="plan-objectives" title={t("plans.fields.objectives")}>
        {plan.objectives.length === 0 ? (
          <Text c="dimmed">{t("plans.noObjectives")}</Text>
        ) : (
          <Stack component="ol" gap={6} m={0} pl="lg">
            {plan.objectives.map((o) => (
              <Text component="li" key={o.id} style={{ overflowWrap: "anywhere" }}>
                {o.content}
              </Text>
            ))}
          </Stack>
        )}
      </Section>
      <Section id="plan-tasks" title={t("plans.fields.tasks")}>
        <PlanTasks plan={plan} byTask={cascade.data?.byTask ?? null} />
      </Section>
      {plan.implementation && (
        <Section id="plan-implementation" title={t("plans.fields.implementation")}>
          <Prose text={plan.implementation} />
        </Section>
      )}
      {followsCascade && (
        <Section id="plan-cascade" title={t("plans.cascade.title")}>
          <CascadePanel cascade={cascade} />
        </Section>
      )}

      {can("issue") && (
        <IssuePlanModal plan={plan} opened={dialog === "issue"} onClose={() => setDialog(null)} />
      )}
      <ConfirmModal
        opened={dialog === "delete"}
        onClose={close}
        title={t("plans.delete.title")}
        message={t("plans.delete.message", { title: plan.title })}
        confirmLabel={t("plans.delete.confirm")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t("plans.delete.done"));
              navigate("/plans");
            },
          })
        }
      />
      <ConfirmModal
        opened={dialog === "derive"}
        onClose={close}
        color="blue"
        title={t("plans.derive.title")}
        message={t("plans.derive.message", { title: plan.title })}
        confirmLabel={t("plans.derive.confirm")}
        loading={derive.isPending}
        error={derive.error}
        onConfirm={() =>
          derive.mutate(
            {},
            {
              onSuccess: (created) => {
                notifySuccess(t("plans.derive.done"));
                navigate(`/plans/${created.id}/edit`);
              },
            },
          )
        }
      />
    </>
  );
}
