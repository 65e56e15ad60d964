import { Alert, Button, Group, Paper, Stack, TextInput } from "@mantine/core";
import { IconAlertCircle, IconDeviceFloppy } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ForbiddenPage } from "../../components/ForbiddenPage";
import { FormPage, type FormPageProps } from "../../components/FormPage";
import { PageLoader } from "../../components/ListStates";
import { notifyError, notifySuccess } from "../../components/notify";
import { QueryFailure } from "../../components/QueryFailure";
import { fieldErrors, isApiError } from "../../lib/api";
import { formatDate } from "../../lib/format";
import {
  type BookletDetail,
  type BookletInput,
  MAX_BOOKLET_MODELS,
  type PickableModel,
  useBooklet,
  useCreateBooklet,
  useUpdateBooklet,
} from "./api";
import { type ChosenModel, ChosenModels } from "./ChosenModels";
import { ModelPicker } from "./ModelPicker";

export function NewBookletPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateBooklet();
  return (
    <BookletFormLayout title={t("booklets.createTitle")} description={t("booklets.createDescription")}>
      <BookletForm
        initial={{ title: "", subtitle: "", models: [] }}
        saving={create.isPending}
        error={create.error}
        onSave={(input) =>
          create.mutate(input, {
            onSuccess: (result) => {
              notifySuccess(t("booklets.created"));
              navigate(`/booklets/${result.id}`);
            },
          })
        }
      />
    </BookletFormLayout>
  );
}

export function EditBookletPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const booklet = useBooklet(id);
  const update = useUpdateBooklet(id);
  if (booklet.isPending) return <PageLoader />;
  if (booklet.isError) return <QueryFailure query={booklet} />;
  if (!booklet.data.allowedActions.includes("update")) return <ForbiddenPage />;
  const current = booklet.data;
  return (
    <BookletFormLayout title={t("booklets.editTitle")} back={`/booklets/${id}`}>
      <BookletForm
        // A newer version read after a conflict starts the form afresh.
        key={current.version}
        initial={fromBooklet(current)}
        saving={update.isPending}
        error={isApiError(update.error, "VERSION_CONFLICT") ? null : update.error}
        onSave={(input) =>
          update.mutate(
            { ...input, version: current.version },
            {
              onSuccess: () => {
                notifySuccess(t("booklets.saved"));
                navigate(`/booklets/${id}`);
              },
              onError: (error) => {
                if (isApiError(error, "VERSION_CONFLICT")) {
                  notifyError(t("booklets.conflict"));
                  void booklet.refetch();
                }
              },
            },
          )
        }
      />
    </BookletFormLayout>
  );
}

function fromBooklet(booklet: BookletDetail) {
  return {
    title: booklet.title,
    subtitle: booklet.subtitle,
    models: booklet.items.map((m) => ({
      id: m.id,
      title: m.title,
      unitName: m.unit.name,
      note: m.recognisedBy ? `${m.recognisedBy.name}, ${formatDate(m.recognisedOn)}` : "",
    })),
  };
}

function BookletFormLayout({
  back = "/booklets",
  ...props
}: Omit<FormPageProps, "back"> & { back?: string }) {
  const { t } = useTranslation();
  return (
    <FormPage
      maw={960}
      back={back}
      backLabel={back === "/booklets" ? t("booklets.back") : t("booklets.backToDetail")}
      {...props}
    />
  );
}

/** Title, subtitle, the chosen models in order, and the picker of recognised models. */
function BookletForm({
  initial,
  saving,
  error,
  onSave,
}: {
  initial: { title: string; subtitle: string; models: ChosenModel[] };
  saving: boolean;
  error: Error | null;
  onSave: (input: BookletInput) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial.title);
  const [subtitle, setSubtitle] = useState(initial.subtitle);
  const [models, setModels] = useState<ChosenModel[]>(initial.models);
  const [announcement, setAnnouncement] = useState("");
  const [missing, setMissing] = useState(false);
  const errors = fieldErrors(error);
  const chosen = new Set(models.map((m) => m.id));

  const add = (picked: PickableModel[]) => {
    const room = MAX_BOOKLET_MODELS - models.length;
    const fresh = picked.filter((m) => !chosen.has(m.id)).slice(0, Math.max(0, room));
    if (!fresh.length) return;
    setModels([
      ...models,
      ...fresh.map((m) => ({
        id: m.id,
        title: m.title,
        unitName: m.unit.name,
        note: m.recognisedBy ? `${m.recognisedBy.name}, ${formatDate(m.recognisedOn)}` : "",
      })),
    ]);
    setMissing(false);
    const last = fresh.at(-1);
    if (fresh.length === 1 && last)
      setAnnouncement(t("booklets.chosen.added", { title: last.title, position: models.length + 1 }));
    else setAnnouncement(t("booklets.chosen.addedMany", { count: fresh.length }));
  };
  const removeById = (id: string) => {
    const model = models.find((m) => m.id === id);
    setModels(models.filter((m) => m.id !== id));
    if (model) setAnnouncement(t("booklets.chosen.removed", { title: model.title }));
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!models.length) {
          setMissing(true);
          document.getElementById("booklet-chosen")?.focus();
          return;
        }
        onSave({ title, subtitle, practiceIds: models.map((m) => m.id) });
      }}
    >
      <Stack>
        <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }}>
          <Stack gap="sm">
            <TextInput
              label={t("booklets.fields.title")}
              placeholder={t("booklets.fields.titlePlaceholder")}
              required
              maxLength={300}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={errors.title}
            />
            <TextInput
              label={t("booklets.fields.subtitle")}
              placeholder={t("booklets.fields.subtitlePlaceholder")}
              maxLength={500}
              value={subtitle}
              onChange={(event) => setSubtitle(event.currentTarget.value)}
              error={errors.subtitle}
            />
          </Stack>
        </Paper>
        <Paper
          withBorder
          radius="md"
          p={{ base: "sm", sm: "md" }}
          component="section"
          aria-labelledby="booklet-chosen"
        >
          <ChosenModels
            models={models}
            onChange={setModels}
            announcement={announcement}
            onAnnounce={setAnnouncement}
          />
          {missing && (
            <Alert color="red" icon={<IconAlertCircle />} mt="sm" role="alert">
              {t("booklets.needModels")}
            </Alert>
          )}
        </Paper>
        <ModelPicker chosen={chosen} onAdd={add} onRemove={removeById} />
        {error && !errors.title && !errors.subtitle && (
          <Alert color="red" icon={<IconAlertCircle />} title={t("errors.title")} role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)">
          <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={18} />}>
            {t("booklets.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
