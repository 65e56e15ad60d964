import { Alert, Button, Stack } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { PageLoader } from "../../components/ListStates";
import { notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { QueryFailure } from "../../components/QueryFailure";
import { useExemplar } from "./api";
import { ExemplarForm } from "./ExemplarForm";

/** Đề nghị điển hình: a new nomination, saved as a draft; the photo and models are added on its page. */
export function NewExemplarPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t("exemplars.createTitle")} · ${t("app.name")}`);
  const navigate = useNavigate();
  return (
    <Stack maw={900}>
      <BackLink to="/exemplars" label={t("exemplars.title")} />
      <PageHeader title={t("exemplars.createTitle")} description={t("exemplars.createDescription")} />
      <ExemplarForm
        exemplar={null}
        onCancel={() => navigate("/exemplars")}
        onDone={(exemplar) => {
          notifySuccess(t("exemplars.created", { title: exemplar.title }));
          navigate(`/exemplars/${exemplar.id}`);
        }}
      />
    </Stack>
  );
}

/** Sửa hồ sơ điển hình: while it is a draft or returned, with the version read. */
export function EditExemplarPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(`${t("exemplars.editTitle")} · ${t("app.name")}`);
  const navigate = useNavigate();
  const query = useExemplar(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryFailure query={query} />;
  const exemplar = query.data.exemplar;
  return (
    <Stack maw={900}>
      <BackLink to={`/exemplars/${exemplar.id}`} label={exemplar.title} />
      <PageHeader title={t("exemplars.editTitle")} description={exemplar.title} />
      {!exemplar.allowedActions.includes("update") ? (
        <Alert color="gray" icon={<IconInfoCircle />}>
          <Stack gap="xs" align="flex-start">
            {t("exemplars.notEditable")}
            <Button component={Link} to={`/exemplars/${exemplar.id}`} variant="light" size="xs">
              {t("exemplars.backToDetail")}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <ExemplarForm
          // A reloaded exemplar (after a conflict) starts the form again from what is stored now.
          key={exemplar.version}
          exemplar={exemplar}
          onCancel={() => navigate(`/exemplars/${exemplar.id}`)}
          onDone={(saved) => {
            notifySuccess(t("exemplars.saved", { title: saved.title }));
            navigate(`/exemplars/${saved.id}`);
          }}
        />
      )}
    </Stack>
  );
}
