import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconAlertCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type DialogProps, FormActions, FormModal } from "../../components/AppModal";
import { notifyError, notifySuccess } from "../../components/notify";
import { fieldErrors, isApiError } from "../../lib/api";
import { todayInVietnam } from "../../lib/format";
import { type TopicDetail, type TopicLink, useSaveTopic } from "./api";

/** Issues a topic for a year (the caller's unit), or edits one: year, title, summary, links to materials. */
export function TopicFormModal({
  opened,
  onClose,
  topic,
  onSaved,
}: DialogProps & {
  topic?: TopicDetail;
  onSaved?: (topic: TopicDetail) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={topic ? t("topics.form.editTitle") : t("topics.form.createTitle")}
      size="lg"
    >
      <TopicForm key={topic?.version ?? "new"} topic={topic} onClose={onClose} onSaved={onSaved} />
    </FormModal>
  );
}

function TopicForm({
  topic,
  onClose,
  onSaved,
}: {
  topic?: TopicDetail | undefined;
  onClose: () => void;
  onSaved?: ((topic: TopicDetail) => void) | undefined;
}) {
  const { t } = useTranslation();
  const save = useSaveTopic(topic?.id);
  const [year, setYear] = useState<number | string>(topic?.year ?? Number(todayInVietnam().slice(0, 4)));
  const [title, setTitle] = useState(topic?.title ?? "");
  const [summary, setSummary] = useState(topic?.summary ?? "");
  const [links, setLinks] = useState<TopicLink[]>(topic?.links ?? []);
  const errors = fieldErrors(save.error);
  const conflict = isApiError(save.error, "VERSION_CONFLICT");

  const setLink = (index: number, change: Partial<TopicLink>) =>
    setLinks((current) => current.map((link, i) => (i === index ? { ...link, ...change } : link)));

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          {
            year: Number(year),
            title,
            summary,
            links: links.filter((l) => l.title.trim() || l.url.trim()),
            ...(topic ? { version: topic.version } : {}),
          },
          {
            onSuccess: (result) => {
              notifySuccess(topic ? t("topics.form.saved") : t("topics.form.created"));
              onSaved?.(result.topic);
              onClose();
            },
            onError: (error) => {
              if (isApiError(error, "VERSION_CONFLICT")) notifyError(t("topics.form.conflict"));
            },
          },
        );
      }}
    >
      <Stack>
        <NumberInput
          label={t("topics.form.year")}
          value={year}
          onChange={setYear}
          min={1945}
          max={2200}
          required
          maw={160}
          error={errors.year}
        />
        <TextInput
          label={t("topics.form.title")}
          placeholder={t("topics.form.titlePlaceholder")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          error={errors.title}
        />
        <Textarea
          label={t("topics.form.summary")}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          error={errors.summary}
        />
        <Stack gap="xs">
          <Text fw={500} size="sm">
            {t("topics.form.links")}
          </Text>
          {links.map((link, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: links are edited in place by position
            <Group key={index} align="flex-end" gap="xs" wrap="wrap">
              <TextInput
                label={t("topics.form.linkTitle")}
                value={link.title}
                onChange={(e) => setLink(index, { title: e.currentTarget.value })}
                style={{ flex: "1 1 180px" }}
              />
              <TextInput
                label={t("topics.form.linkUrl")}
                placeholder="https://"
                type="url"
                value={link.url}
                onChange={(e) => setLink(index, { url: e.currentTarget.value })}
                style={{ flex: "2 1 220px" }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={() => setLinks((current) => current.filter((_, i) => i !== index))}
                aria-label={t("topics.form.removeLink", { n: index + 1 })}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
          {errors.links && (
            <Text size="sm" c="red">
              {errors.links}
            </Text>
          )}
          <Button
            variant="subtle"
            leftSection={<IconPlus size={16} />}
            onClick={() => setLinks((current) => [...current, { title: "", url: "" }])}
            style={{ alignSelf: "flex-start" }}
          >
            {t("topics.form.addLink")}
          </Button>
        </Stack>
        {save.error && !conflict && Object.keys(errors).length === 0 && (
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
