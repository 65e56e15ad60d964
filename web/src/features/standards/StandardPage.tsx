import { Accordion, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPencil, IconPrinter } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { BackLink } from "../../components/BackLink";
import { ErrorAlert, PageLoader } from "../../components/ListStates";
import { notifyError } from "../../components/notify";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { formatDate, formatDateTime } from "../../lib/format";
import { downloadPoster, type StandardDetail, useStandard } from "./api";
import { ConfirmationsPanel } from "./ConfirmationsPanel";
import { ConfirmButton } from "./ConfirmButton";
import { StandardFormModal } from "./StandardFormModal";
import { StandardsList } from "./StandardsList";

/** A unit's standards: the version in force, "Tôi đã đọc", the poster, the history, who confirmed. */
export function StandardPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const standard = useStandard(id);
  const [editing, edit] = useDisclosure(false);
  if (standard.isPending) return <PageLoader />;
  if (standard.isError) return <ErrorAlert error={standard.error} onRetry={() => standard.refetch()} />;
  const s = standard.data;
  return (
    <Stack maw={960}>
      <BackLink to="/standards" label={t("standards.back")} />
      <PageHeader
        title={s.title}
        description={t("standards.versionLine", {
          unit: s.unit.name,
          number: s.currentNumber,
          date: formatDate(s.effectiveOn),
        })}
        actions={
          s.allowedActions.includes("update") && (
            <Button variant="default" leftSection={<IconPencil size={18} />} onClick={edit.open}>
              {t("standards.revise")}
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
        <StandardsList items={s.items} />
      </Paper>
      <ConfirmButton standard={s} />
      <PosterButtons standard={s} />
      {s.allowedActions.includes("confirmations") && <ConfirmationsPanel standard={s} />}
      <History standard={s} />
      <StandardFormModal opened={editing} onClose={edit.close} standard={s} />
    </Stack>
  );
}

function PosterButtons({ standard }: { standard: StandardDetail }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<"A4" | "A3" | null>(null);
  const download = async (size: "A4" | "A3") => {
    setBusy(size);
    try {
      await downloadPoster(standard.id, size);
    } catch (error) {
      notifyError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="sm" wrap="wrap" role="group" aria-label={t("standards.poster.label")}>
      {(["A4", "A3"] as const).map((size) => (
        <Button
          key={size}
          variant="light"
          leftSection={<IconPrinter size={18} />}
          loading={busy === size}
          onClick={() => download(size)}
        >
          {t("standards.poster.download", { size })}
        </Button>
      ))}
    </Group>
  );
}

function History({ standard }: { standard: StandardDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="history-title" title={t("standards.history.title")} gap="xs">
      <Accordion variant="separated" chevronPosition="left">
        {standard.versions.map((v) => (
          <Accordion.Item key={v.id} value={v.id}>
            <Accordion.Control>
              <Text fw={600}>
                {t("standards.history.version", { number: v.number, date: formatDate(v.effectiveOn) })}
                {v.number === standard.currentNumber ? ` · ${t("standards.history.current")}` : ""}
              </Text>
              <Text size="sm" c="dimmed">
                {[formatDateTime(v.createdAt), v.createdByName, v.note].filter(Boolean).join(" · ")}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <Text fw={600} mb="xs">
                {v.title}
              </Text>
              <StandardsList items={v.items} size="lg" />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Section>
  );
}
