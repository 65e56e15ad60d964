import { Alert, List, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal, type DialogProps, FormActions } from "../../components/AppModal";
import { DateField } from "../../components/DateField";
import { notifySuccess } from "../../components/notify";
import { ApiError } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { type PlanDetail, useIssuePlan } from "./api";

/** What the server says a plan lacks before it can be issued, by the field it names. */
const MISSING = [
  "summary",
  "signer.authority",
  "signer.title",
  "signer.name",
  "tasks",
  "unit.documentCode",
  "body.issuedOn",
] as const;
type Missing = (typeof MISSING)[number];

function missingOf(error: unknown): { path: Missing; message: string }[] {
  if (!(error instanceof ApiError) || error.code !== "RULE_VIOLATION" || !Array.isArray(error.details))
    return [];
  return (error.details as { path?: unknown; message?: unknown }[]).flatMap((d) =>
    MISSING.includes(d.path as Missing)
      ? [{ path: d.path as Missing, message: String(d.message ?? "") }]
      : [],
  );
}

/** Issuing takes the next document number and publishes the plan down: it is asked for, with the date and place it bears. */
export function IssuePlanModal({
  plan,
  opened,
  onClose,
}: DialogProps & {
  plan: PlanDetail;
}) {
  const { t } = useTranslation();
  const issue = useIssuePlan(plan.id);
  const today = todayInVietnam();
  const [issuedOn, setIssuedOn] = useState(today);
  const [place, setPlace] = useState("");
  const future = issuedOn > today;
  const missing = missingOf(issue.error);
  const close = () => {
    issue.reset();
    onClose();
  };

  return (
    <AppModal opened={opened} onClose={close} title={t("plans.issue.title")}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!issuedOn || future) return;
          issue.mutate(
            { issuedOn, ...(place.trim() ? { place: place.trim() } : {}) },
            {
              onSuccess: (issued) => {
                notifySuccess(t("plans.issue.done", { number: issued.number ?? "" }));
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">{t("plans.issue.message", { title: plan.title })}</Text>
          <DateField
            label={t("plans.issue.issuedOn")}
            value={issuedOn}
            onChange={setIssuedOn}
            required
            error={future ? t("plans.issue.future") : !issuedOn ? t("validation.required") : undefined}
            maw={220}
          />
          <TextInput
            label={t("plans.issue.place")}
            description={t("plans.issue.placeHint")}
            maxLength={100}
            value={place}
            onChange={(event) => setPlace(event.currentTarget.value)}
          />
          {issue.isError && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert" title={t("plans.issue.failed")}>
              {missing.length ? (
                <List size="sm">
                  {missing.map((m) => (
                    <List.Item key={`${m.path}-${m.message}`}>
                      {t(
                        `plans.issue.missing.${m.path === "body.issuedOn" ? (m.message === "future" ? "future" : "beforeParent") : m.path}`,
                      )}
                    </List.Item>
                  ))}
                </List>
              ) : (
                issue.error.message
              )}
            </Alert>
          )}
          <FormActions onCancel={close} pending={issue.isPending} submitLabel={t("plans.issue.confirm")} />
        </Stack>
      </form>
    </AppModal>
  );
}
