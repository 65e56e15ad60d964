import { Anchor, Card, Group, Image, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Page } from "../../lib/api";
import { useSearchText } from "../../lib/useSearchText";
import { PagedList } from "../PagedList";
import { useListParams } from "../useListParams";
import type { RecognitionArea } from "./ReviewModal";

/**
 * The public showcase of recognised models or exemplars, for anyone without an account: a search
 * and one filter kept in the address, and the cards their reviewers chose to show.
 */
export function useShowcaseSearch() {
  const { page, setPage } = useListParams();
  const { text, setText, committed: q } = useSearchText();
  return { page, setPage, text, setText, q };
}

/**
 * The showcase's page: its heading, the search (`search`, from useShowcaseSearch) and the
 * module's filter, then the cards.
 */
export function ShowcasePage<T extends { id: string }>({
  area,
  search,
  list,
  searchPlaceholder,
  filter,
  filtered,
  link,
  card,
}: {
  area: RecognitionArea;
  search: ReturnType<typeof useShowcaseSearch>;
  list: UseQueryResult<Page<T>, Error>;
  searchPlaceholder: string;
  filter: ReactNode;
  /** The module's filter is set. */
  filtered: boolean;
  /** A link to the other showcase, under the description. */
  link?: ReactNode;
  card: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(`${t(`${area}.showcase.title`)} · ${t("app.name")}`);
  const { page, setPage, q } = search;
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1} fz={{ base: "h2", sm: "h1" }}>
          {t(`${area}.showcase.title`)}
        </Title>
        <Text c="dimmed">{t(`${area}.showcase.description`)}</Text>
        {link}
      </Stack>
      <Group align="flex-end" gap="sm" wrap="wrap" role="search">
        <TextInput
          type="search"
          label={t(`${area}.search`)}
          placeholder={searchPlaceholder}
          leftSection={<IconSearch size={18} />}
          value={search.text}
          onChange={(event) => search.setText(event.currentTarget.value)}
          style={{ flex: "1 1 240px" }}
        />
        {filter}
      </Group>
      <PagedList
        query={list}
        empty={q || filtered ? t("common.noMatches") : t(`${area}.showcase.empty`)}
        rows={3}
        page={page}
        onPage={setPage}
      >
        {(data) => (
          <SimpleGrid
            cols={{ base: 1, sm: 2, lg: 3 }}
            spacing="md"
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: "none" }}
            aria-label={t(`${area}.showcase.listLabel`)}
          >
            {data.items.map(card)}
          </SimpleGrid>
        )}
      </PagedList>
    </Stack>
  );
}

/** A card of the showcase: the picture (or the module's icon on a tint), the linked title, then its lines. */
export function ShowcaseCard({
  to,
  title,
  imageUrl,
  imageHeight,
  icon,
  tint,
  children,
}: {
  to: string;
  title: string;
  imageUrl: string | null;
  imageHeight: number;
  icon: (color: string) => ReactNode;
  /** The Mantine colour of the empty picture: its light shade behind, its middle one for the icon. */
  tint: { back: string; icon: string };
  children: ReactNode;
}) {
  return (
    <Card component="li" withBorder radius="md" padding="sm">
      <Card.Section>
        {imageUrl ? (
          <Image src={imageUrl} alt="" h={imageHeight} fit="cover" loading="lazy" />
        ) : (
          <Group
            h={120}
            justify="center"
            bg={`light-dark(${tint.back}, var(--mantine-color-dark-6))`}
            aria-hidden
          >
            {icon(tint.icon)}
          </Group>
        )}
      </Card.Section>
      <Stack gap={4} mt="sm">
        <Anchor component={Link} to={to} fw={700} style={{ overflowWrap: "anywhere" }}>
          {title}
        </Anchor>
        {children}
      </Stack>
    </Card>
  );
}
