import { Alert, Button, Paper, Stack } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { QueryFailure } from "../../components/QueryFailure";
import { usePractice } from "./api";
import { EvidenceFiles } from "./EvidenceFiles";
import { PracticeForm } from "./PracticeForm";

/** Đăng ký mô hình: a new model, saved as a draft with its evidence files. */
export function NewPracticePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack maw={900}>
      <BackLink to="/practices" label={t("practices.title")} />
      <PageHeader title={t("practices.createTitle")} description={t("practices.createDescription")} />
      <PracticeForm
        practice={null}
        onCancel={() => navigate("/practices")}
        onDone={(practice, failed) => {
          if (failed.length > 0) {
            // Each file with the server's reason, as the edit page shows it.
            const reasons = failed.map((f) =>
              t("practices.files.failedFile", { name: f.name, reason: f.reason }),
            );
            notifyError([t("practices.files.someFailed", { count: failed.length }), ...reasons].join("\n"));
            navigate(`/practices/${practice.id}/edit`);
            return;
          }
          notifySuccess(t("practices.created", { title: practice.title }));
          navigate(`/practices/${practice.id}`);
        }}
      />
    </Stack>
  );
}

/** Sửa mô hình: its text (with the version read) and its evidence files, while it is a draft or returned. */
export function EditPracticePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = usePractice(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryFailure query={query} />;
  const practice = query.data.practice;
  const editable = practice.allowedActions.includes("update");
  return (
    <Stack maw={900}>
      <BackLink to={`/practices/${practice.id}`} label={practice.title} />
      <PageHeader title={t("practices.editTitle")} description={practice.title} />
      {!editable ? (
        <Alert color="gray" icon={<IconInfoCircle />}>
          <Stack gap="xs" align="flex-start">
            {t("practices.notEditable")}
            <Button component={Link} to={`/practices/${practice.id}`} variant="light" size="xs">
              {t("practices.backToDetail")}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <>
          <PracticeForm
            // A reloaded model (after a conflict) starts the form again from what is stored now.
            key={practice.version}
            practice={practice}
            onCancel={() => navigate(`/practices/${practice.id}`)}
            onDone={(saved) => {
              notifySuccess(t("practices.saved", { title: saved.title }));
              navigate(`/practices/${saved.id}`);
            }}
          />
          <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
            <EvidenceFiles practiceId={practice.id} files={practice.files} editable />
          </Paper>
        </>
      )}
    </Stack>
  );
}
