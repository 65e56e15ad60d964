import { Alert, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type DialogProps, FormActions, FormModal } from "../../components/AppModal";
import { DateField } from "../../components/DateField";
import { notifyError, notifySuccess } from "../../components/notify";
import { fieldErrors, isApiError } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { DOCUMENT_KINDS, type DocumentKind, type LibraryDocumentDetail, useSaveDocument } from "./api";

/** Adds a document of the caller's unit to the library, or edits its record (its files come as versions). */
export function DocumentFormModal({
  opened,
  onClose,
  document,
  onSaved,
}: DialogProps & {
  document?: LibraryDocumentDetail;
  onSaved?: (document: LibraryDocumentDetail) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={document ? t("library.form.editTitle") : t("library.form.createTitle")}
      size="lg"
    >
      <DocumentForm
        key={document?.version ?? "new"}
        document={document}
        onClose={onClose}
        onSaved={onSaved}
      />
    </FormModal>
  );
}

function DocumentForm({
  document,
  onClose,
  onSaved,
}: {
  document?: LibraryDocumentDetail | undefined;
  onClose: () => void;
  onSaved?: ((document: LibraryDocumentDetail) => void) | undefined;
}) {
  const { t } = useTranslation();
  const save = useSaveDocument(document?.id);
  const [kind, setKind] = useState<DocumentKind>(document?.kind ?? "bulletin");
  const [number, setNumber] = useState(document?.number ?? "");
  const [title, setTitle] = useState(document?.title ?? "");
  const [summary, setSummary] = useState(document?.summary ?? "");
  const [issuedOn, setIssuedOn] = useState(document?.issuedOn ?? todayInVietnam());
  const errors = fieldErrors(save.error);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          { kind, number, title, summary, issuedOn, ...(document ? { version: document.version } : {}) },
          {
            onSuccess: (result) => {
              notifySuccess(document ? t("library.form.saved") : t("library.form.created"));
              onSaved?.(result.document);
              onClose();
            },
            onError: (error) => {
              if (isApiError(error, "VERSION_CONFLICT")) notifyError(t("library.form.conflict"));
            },
          },
        );
      }}
    >
      <Stack>
        <Select
          label={t("library.form.kind")}
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`library.kinds.${k}`) }))}
          value={kind}
          onChange={(value) => value && setKind(value as DocumentKind)}
          allowDeselect={false}
          required
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t("library.form.number")}
          placeholder={t("library.form.numberPlaceholder")}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={errors.number}
          maw={280}
        />
        <TextInput
          label={t("library.form.title")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          error={errors.title}
        />
        <Textarea
          label={t("library.form.summary")}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          error={errors.summary}
        />
        <DateField
          label={t("library.form.issuedOn")}
          value={issuedOn}
          onChange={setIssuedOn}
          required
          maw={200}
          {...(errors.issuedOn ? { error: errors.issuedOn } : {})}
        />
        {save.error && !isApiError(save.error, "VERSION_CONFLICT") && Object.keys(errors).length === 0 && (
          <Alert color="red" icon={<IconAlertCircle />}>
            {save.error.message}
          </Alert>
        )}
        <FormActions
          onCancel={onClose}
          pending={save.isPending}
          cancelDisabled={false}
          submitLabel={t("common.save")}
        />
      </Stack>
    </form>
  );
}
