import { Anchor, Group, SegmentedControl, Text } from "@mantine/core";
import { IconAward, IconBulb } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ShowcaseCard, ShowcasePage, useShowcaseSearch } from "../../../components/recognition/Showcase";
import { useListParams } from "../../../components/useListParams";
import { EXEMPLAR_KINDS, type ExemplarKind, type PublicExemplar, usePublicExemplars } from "../api";

/** Gương điển hình tiên tiến: the exemplars their reviewers chose to show, for anyone, without an account. */
export function PublicExemplarsPage() {
  const { t, i18n } = useTranslation();
  const { params, setFilter } = useListParams();
  const kindParam = params.get("kind");
  const kind: ExemplarKind | "" = EXEMPLAR_KINDS.includes(kindParam as ExemplarKind)
    ? (kindParam as ExemplarKind)
    : "";
  const search = useShowcaseSearch();
  const list = usePublicExemplars({ q: search.q, kind }, search.page, i18n.resolvedLanguage ?? "vi");
  return (
    <ShowcasePage
      area="exemplars"
      search={search}
      list={list}
      searchPlaceholder={t("exemplars.showcase.searchPlaceholder")}
      filtered={kind !== ""}
      link={
        <Anchor component={Link} to="/cong-khai/mo-hinh" size="sm">
          <Group gap={4} component="span">
            <IconBulb size={16} aria-hidden />
            {t("exemplars.showcase.toPractices")}
          </Group>
        </Anchor>
      }
      filter={
        <SegmentedControl
          aria-label={t("exemplars.kind")}
          value={kind || "all"}
          onChange={(value) => setFilter("kind", value === "all" ? "" : value)}
          data={[
            { value: "all", label: t("exemplars.allKinds") },
            ...EXEMPLAR_KINDS.map((value) => ({ value, label: t(`exemplars.kinds.${value}`) })),
          ]}
        />
      }
      card={(exemplar) => <PublicCard key={exemplar.id} exemplar={exemplar} />}
    />
  );
}

function PublicCard({ exemplar }: { exemplar: PublicExemplar }) {
  const { t } = useTranslation();
  return (
    <ShowcaseCard
      to={`/cong-khai/dien-hinh/${exemplar.id}`}
      title={exemplar.title}
      imageUrl={exemplar.imageUrl}
      imageHeight={200}
      icon={(color) => <IconAward size={40} color={color} />}
      tint={{ back: "var(--mantine-color-yellow-0)", icon: "var(--mantine-color-yellow-6)" }}
    >
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
    </ShowcaseCard>
  );
}
