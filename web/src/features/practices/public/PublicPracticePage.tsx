import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconCopy, IconShare } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { BackLink } from "../../../components/BackLink";
import { EmptyList, ErrorAlert, PageLoader } from "../../../components/ListStates";
import { isApiError } from "../../../lib/api";
import { formatDate, formatNumber } from "../../../lib/format";
import { type PublicPracticeDetail, usePublicPractice } from "../api";
import { Gallery } from "../Gallery";
import { shareLink } from "../share";

const multiline = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

/** One public model: what it is, who did it, who recognised it, its photos, and a share button. */
export function PublicPracticePage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const query = usePublicPractice(id, i18n.resolvedLanguage ?? "vi");
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, "NOT_FOUND") || isApiError(query.error, "VALIDATION_FAILED"))
      return (
        <Stack>
          <ShowcaseBack />
          <EmptyList message={t("practices.showcase.notFound")} />
        </Stack>
      );
    return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  }
  return <PublicPracticeView practice={query.data} />;
}

function ShowcaseBack() {
  const { t } = useTranslation();
  return <BackLink to="/cong-khai/mo-hinh" label={t("practices.showcase.back")} />;
}

function PublicPracticeView({ practice }: { practice: PublicPracticeDetail }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${practice.title} · ${t("app.name")}`);
  const canShare = typeof navigator.share === "function";
  const section = (key: "summary" | "description" | "results") =>
    practice[key] ? (
      <Stack gap={4} component="section" aria-labelledby={`public-${key}`}>
        <Title order={2} fz="h4" id={`public-${key}`}>
          {t(`practices.${key}`)}
        </Title>
        <Text style={multiline}>{practice[key]}</Text>
      </Stack>
    ) : null;

  return (
    <Stack maw={900} component="article" aria-labelledby="public-title">
      <ShowcaseBack />
      <Stack gap={6}>
        <Title order={1} fz={{ base: "h2", sm: "h1" }} id="public-title" style={{ overflowWrap: "anywhere" }}>
          {practice.title}
        </Title>
        <Text c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {practice.unitName}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="teal" miw="max-content">
            {t(`practices.kinds.${practice.kind}`)}
          </Badge>
          <Badge variant="outline" color="gray" miw="max-content">
            {practice.field.name}
          </Badge>
        </Group>
      </Stack>
      <Paper withBorder radius="md" p="sm">
        <Stack gap={4}>
          {practice.recognisedByName && (
            <Text size="sm" data-testid="public-recognised-by">
              {t("practices.showcase.recognisedByOn", {
                unit: practice.recognisedByName,
                date: formatDate(practice.recognisedOn),
              })}
            </Text>
          )}
          {practice.adoptionCount > 0 && (
            <Text size="sm">
              {t("practices.showcase.adoptions", {
                count: practice.adoptionCount,
                formatted: formatNumber(practice.adoptionCount, i18n.resolvedLanguage ?? "vi"),
              })}
            </Text>
          )}
          <Group mt={4}>
            <Button
              variant="light"
              leftSection={canShare ? <IconShare size={18} /> : <IconCopy size={18} />}
              onClick={() =>
                void shareLink(
                  practice.title,
                  window.location.href,
                  t("practices.share.copied"),
                  t("practices.share.failed"),
                )
              }
            >
              {canShare ? t("practices.share.action") : t("practices.share.copy")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {section("summary")}
      {practice.images.length > 0 && (
        <Stack component="section" aria-labelledby="public-images" gap="xs">
          <Title order={2} fz="h4" id="public-images">
            {t("practices.gallery.title")}
          </Title>
          <Gallery
            title={t("practices.gallery.title")}
            images={practice.images.map((image, index) => ({
              key: image.url,
              thumbUrl: image.thumbUrl,
              displayUrl: image.url,
              alt: t("practices.files.photoAlt", { number: index + 1, name: practice.title }),
            }))}
          />
        </Stack>
      )}
      {section("description")}
      {section("results")}
    </Stack>
  );
}
