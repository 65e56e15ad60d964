import { Anchor, Badge, Button, Group, Image, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconCopy, IconShare } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { BackLink } from "../../../components/BackLink";
import { BareList } from "../../../components/BareList";
import { EmptyList, ErrorAlert, PageLoader } from "../../../components/ListStates";
import { isApiError } from "../../../lib/api";
import { formatDate } from "../../../lib/format";
import { shareLink } from "../../practices/share";
import { type PublicExemplarDetail, usePublicExemplar } from "../api";

const multiline = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

/** One public exemplar: who, where, who recognised them, the photo, the story and achievements, a share button. */
export function PublicExemplarPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const query = usePublicExemplar(id, i18n.resolvedLanguage ?? "vi");
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    if (isApiError(query.error, "NOT_FOUND") || isApiError(query.error, "VALIDATION_FAILED"))
      return (
        <Stack>
          <ShowcaseBack />
          <EmptyList message={t("exemplars.showcase.notFound")} />
        </Stack>
      );
    return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  }
  return <PublicExemplarView exemplar={query.data} />;
}

function ShowcaseBack() {
  const { t } = useTranslation();
  return <BackLink to="/cong-khai/dien-hinh" label={t("exemplars.showcase.back")} />;
}

function PublicExemplarView({ exemplar }: { exemplar: PublicExemplarDetail }) {
  const { t } = useTranslation();
  useDocumentTitle(`${exemplar.title} · ${t("app.name")}`);
  const canShare = typeof navigator.share === "function";
  const section = (key: "story" | "achievements") =>
    exemplar[key] ? (
      <Stack gap={4} component="section" aria-labelledby={`public-${key}`}>
        <Title order={2} fz="h4" id={`public-${key}`}>
          {t(`exemplars.${key}`)}
        </Title>
        <Text style={multiline}>{exemplar[key]}</Text>
      </Stack>
    ) : null;

  return (
    <Stack maw={900} component="article" aria-labelledby="public-title">
      <ShowcaseBack />
      {exemplar.imageUrl && (
        <Image
          src={exemplar.imageUrl}
          alt={t("exemplars.photo.alt", { name: exemplar.title })}
          radius="md"
          mah={480}
          fit="contain"
          bg="light-dark(var(--mantine-color-gray-1), var(--mantine-color-dark-6))"
          {...(exemplar.imageWidth && exemplar.imageHeight
            ? { style: { aspectRatio: `${exemplar.imageWidth} / ${exemplar.imageHeight}` } }
            : {})}
        />
      )}
      <Stack gap={6}>
        <Title order={1} fz={{ base: "h2", sm: "h1" }} id="public-title" style={{ overflowWrap: "anywhere" }}>
          {exemplar.title}
        </Title>
        <Text c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {exemplar.subtitle}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Badge
            variant="light"
            color={exemplar.kind === "collective" ? "indigo" : "yellow"}
            miw="max-content"
          >
            {t(`exemplars.kinds.${exemplar.kind}`)}
          </Badge>
          <Badge variant="outline" color="gray" miw="max-content">
            {exemplar.field.name}
          </Badge>
        </Group>
      </Stack>
      <Paper withBorder radius="md" p="sm">
        <Stack gap={4}>
          {exemplar.recognisedByName && (
            <Text size="sm">
              {t("exemplars.showcase.recognisedByOn", {
                unit: exemplar.recognisedByName,
                date: formatDate(exemplar.recognisedOn),
              })}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t("exemplars.showcase.nominatedBy", { unit: exemplar.unitName })}
          </Text>
          <Group mt={4}>
            <Button
              variant="light"
              leftSection={canShare ? <IconShare size={18} /> : <IconCopy size={18} />}
              onClick={() =>
                void shareLink(
                  exemplar.title,
                  window.location.href,
                  t("exemplars.share.copied"),
                  t("exemplars.share.failed"),
                )
              }
            >
              {canShare ? t("exemplars.share.action") : t("exemplars.share.copy")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {section("achievements")}
      {section("story")}
      {exemplar.practices.length > 0 && (
        <Stack gap={4} component="section" aria-labelledby="public-practices">
          <Title order={2} fz="h4" id="public-practices">
            {t("exemplars.practices.title")}
          </Title>
          <BareList gap={4}>
            {exemplar.practices.map((practice) => (
              <li key={practice.id}>
                <Anchor
                  component={Link}
                  to={`/cong-khai/mo-hinh/${practice.id}`}
                  style={{ overflowWrap: "anywhere" }}
                >
                  {practice.title}
                </Anchor>
              </li>
            ))}
          </BareList>
        </Stack>
      )}
    </Stack>
  );
}
