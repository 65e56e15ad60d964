import { Anchor, Group, Stack, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AdoptionTable } from "./Adoptions";
import { type PracticeFilters, usePractices } from "./api";
import { PracticeList } from "./PracticeList";

const PAGE_SIZE = 10;

/** Mô hình of a unit page: the models its subtree originated, and those it adopted from elsewhere. */
export function UnitPracticesTab({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const filters: PracticeFilters = {
    q: "",
    field: "",
    status: "",
    level: "",
    year: "",
    unitId,
    scope: "mine",
    sort: "recent",
  };
  const originated = usePractices(filters, page, PAGE_SIZE);

  return (
    <Stack gap="lg">
      <Stack component="section" aria-labelledby="unit-practices-title" gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} fz="h4" id="unit-practices-title">
            {t("practices.unitTab.originated")}
          </Title>
          <Anchor
            component={Link}
            to={`/practices?scope=mine&unitId=${encodeURIComponent(unitId)}`}
            size="sm"
          >
            {t("practices.unitTab.openList")}
          </Anchor>
        </Group>
        <PracticeList
          label={t("practices.unitTab.originated")}
          query={originated}
          page={page}
          onPage={setPage}
          filtered={false}
          emptyMessage={t("practices.unitTab.noneOriginated")}
        />
      </Stack>
      <Stack component="section" aria-labelledby="unit-adoptions-title" gap="sm">
        <Title order={2} fz="h4" id="unit-adoptions-title">
          {t("practices.unitTab.adopted")}
        </Title>
        <AdoptionTable of="unit" id={unitId} label={t("practices.unitTab.adopted")} />
      </Stack>
    </Stack>
  );
}
