import { Anchor, Card, Group, Image, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconBulb, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PagedList } from "../../../components/PagedList";
import { useSearchText } from "../../../lib/useSearchText";
import { type PublicPractice, usePublicFields, usePublicPractices } from "../api";

/** Trang giới thiệu công khai: recognised models their reviewers chose to show, for anyone. */
export function PublicPracticesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${t("practices.showcase.title")} · ${t("app.name")}`);
  const [params, setParams] = useSearchParams();
  const { text: search, setText: setSearch, committed: q } = useSearchText();
  const field = params.get("field") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const lang = i18n.resolvedLanguage ?? "vi";
  const list = usePublicPractices({ q, field }, page, lang);
  const fields = usePublicFields(lang);

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1} fz={{ base: "h2", sm: "h1" }}>
          {t("practices.showcase.title")}
        </Title>
        <Text c="dimmed">{t("practices.showcase.description")}</Text>
      </Stack>
      <Group align="flex-end" gap="sm" wrap="wrap" role="search">
        <TextInput
          type="search"
          label={t("practices.search")}
          placeholder={t("practices.searchPlaceholder")}
          leftSection={<IconSearch size={18} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: "1 1 240px" }}
        />
        <Select
          label={t("practices.field")}
          placeholder={t("practices.allFields")}
          clearable
          data={(fields.data ?? []).map((f) => ({ value: f.code, label: f.name }))}
          value={field || null}
          onChange={(value) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                if (value) next.set("field", value);
                else next.delete("field");
                next.delete("page");
                return next;
              },
              { replace: true },
            )
          }
          style={{ flex: "1 1 220px" }}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <PagedList
        query={list}
        empty={q || field ? t("common.noMatches") : t("practices.showcase.empty")}
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
              aria-label={t("practices.showcase.listLabel")}
            >
              {data.items.map((practice) => (
                <PublicCard key={practice.id} practice={practice} />
              ))}
            </SimpleGrid>
          </>
        )}
      </PagedList>
    </Stack>
  );
}

function PublicCard({ practice }: { practice: PublicPractice }) {
  const { t } = useTranslation();
  return (
    <Card component="li" withBorder radius="md" padding="sm">
      <Card.Section>
        {practice.imageUrl ? (
          <Image src={practice.imageUrl} alt="" h={180} fit="cover" loading="lazy" />
        ) : (
          <Group
            h={120}
            justify="center"
            bg="light-dark(var(--mantine-color-gray-1), var(--mantine-color-dark-6))"
            aria-hidden
          >
            <IconBulb size={40} color="var(--mantine-color-gray-5)" />
          </Group>
        )}
      </Card.Section>
      <Stack gap={4} mt="sm">
        <Anchor
          component={Link}
          to={`/cong-khai/mo-hinh/${practice.id}`}
          fw={700}
          style={{ overflowWrap: "anywhere" }}
        >
          {practice.title}
        </Anchor>
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {practice.unitName}
        </Text>
        {practice.recognisedByName && (
          <Text size="xs" c="dimmed">
            {t("practices.showcase.recognisedBy", { unit: practice.recognisedByName })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {practice.field.name}
        </Text>
        {practice.summary && (
          <Text size="sm" lineClamp={3}>
            {practice.summary}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
