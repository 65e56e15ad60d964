import {
  Anchor,
  Card,
  Group,
  Image,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconAward, IconBulb, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PagedList } from "../../../components/PagedList";
import { useSearchText } from "../../../lib/useSearchText";
import { EXEMPLAR_KINDS, type ExemplarKind, type PublicExemplar, usePublicExemplars } from "../api";

/** Gương điển hình tiên tiến: the exemplars their reviewers chose to show, for anyone, without an account. */
export function PublicExemplarsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${t("exemplars.showcase.title")} · ${t("app.name")}`);
  const [params, setParams] = useSearchParams();
  const { text: search, setText: setSearch, committed: q } = useSearchText();
  const kindParam = params.get("kind");
  const kind: ExemplarKind | "" = EXEMPLAR_KINDS.includes(kindParam as ExemplarKind)
    ? (kindParam as ExemplarKind)
    : "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const list = usePublicExemplars({ q, kind }, page, i18n.resolvedLanguage ?? "vi");

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1} fz={{ base: "h2", sm: "h1" }}>
          {t("exemplars.showcase.title")}
        </Title>
        <Text c="dimmed">{t("exemplars.showcase.description")}</Text>
        <Anchor component={Link} to="/cong-khai/mo-hinh" size="sm">
          <Group gap={4} component="span">
            <IconBulb size={16} aria-hidden />
            {t("exemplars.showcase.toPractices")}
          </Group>
        </Anchor>
      </Stack>
      <Group align="flex-end" gap="sm" wrap="wrap" role="search">
        <TextInput
          type="search"
          label={t("exemplars.search")}
          placeholder={t("exemplars.showcase.searchPlaceholder")}
          leftSection={<IconSearch size={18} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: "1 1 240px" }}
        />
        <SegmentedControl
          aria-label={t("exemplars.kind")}
          value={kind || "all"}
          onChange={(value) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                if (value === "all") next.delete("kind");
                else next.set("kind", value);
                next.delete("page");
                return next;
              },
              { replace: true },
            )
          }
          data={[
            { value: "all", label: t("exemplars.allKinds") },
            ...EXEMPLAR_KINDS.map((value) => ({ value, label: t(`exemplars.kinds.${value}`) })),
          ]}
        />
      </Group>
      <PagedList
        query={list}
        empty={q || kind ? t("common.noMatches") : t("exemplars.showcase.empty")}
        rows={3}
        page={page}
        onPage={(value) =>
          setParams((current) => {
            const next = new URLSearchParams(current);
            next.set("page", String(value));
            return next;
          })
        }
      >
        {(data) => (
          <>
            <SimpleGrid
              cols={{ base: 1, sm: 2, lg: 3 }}
              spacing="md"
              component="ul"
              p={0}
              m={0}
              style={{ listStyle: "none" }}
              aria-label={t("exemplars.showcase.listLabel")}
            >
              {data.items.map((exemplar) => (
                <PublicCard key={exemplar.id} exemplar={exemplar} />
              ))}
            </SimpleGrid>
          </>
        )}
      </PagedList>
    </Stack>
  );
}

function PublicCard({ exemplar }: { exemplar: PublicExemplar }) {
  const { t } = useTranslation();
  return (
    <Card component="li" withBorder radius="md" padding="sm">
      <Card.Section>
        {exemplar.imageUrl ? (
          <Image src={exemplar.imageUrl} alt="" h={200} fit="cover" loading="lazy" />
        ) : (
          <Group
            h={120}
            justify="center"
            bg="light-dark(var(--mantine-color-yellow-0), var(--mantine-color-dark-6))"
            aria-hidden
          >
            <IconAward size={40} color="var(--mantine-color-yellow-6)" />
          </Group>
        )}
      </Card.Section>
      <Stack gap={4} mt="sm">
        <Anchor
          component={Link}
          to={`/cong-khai/dien-hinh/${exemplar.id}`}
          fw={700}
          style={{ overflowWrap: "anywhere" }}
        >
          {exemplar.title}
        </Anchor>
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {exemplar.subtitle}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`exemplars.kinds.${exemplar.kind}`)} · {exemplar.field.name}
        </Text>
        {exemplar.recognisedByName && (
          <Text size="xs" c="dimmed">
            {t("exemplars.showcase.recognisedBy", { unit: exemplar.recognisedByName })}
          </Text>
        )}
        {exemplar.excerpt && (
          <Text size="sm" lineClamp={3}>
            {exemplar.excerpt}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
