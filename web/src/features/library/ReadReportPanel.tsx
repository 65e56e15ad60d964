import { Anchor, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { IconArrowUp } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";
import { ErrorAlert, ListSkeleton } from "../../components/ListStates";
import { Section } from "../../components/Section";
import { formatNumber } from "../../lib/format";
import { formatShare } from "../topics/api";
import { type LibraryDocument, useReadReport } from "./api";

/** Who read a bulletin, for its issuer: readers by unit below (choose a unit to see the units below it). */
export function ReadReportPanel({ document }: { document: LibraryDocument }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "vi";
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const report = useReadReport(document.id, trail.at(-1)?.id ?? null, true);
  return (
    <Section id="reads-title" title={t("library.reads.title")}>
      {report.isPending ? (
        <ListSkeleton rows={3} />
      ) : report.isError ? (
        <ErrorAlert error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <>
          <Text fw={600}>{report.data.unit.name}</Text>
          <Text>
            {t("library.reads.summary", {
              readers: formatNumber(report.data.readers, lang),
              memberReaders: formatNumber(report.data.memberReaders, lang),
              members: formatNumber(report.data.members, lang),
              share: formatShare(report.data.share, lang),
            })}
          </Text>
          <Progress
            value={report.data.share * 100}
            size="lg"
            radius="xl"
            color="orange"
            aria-label={t("library.reads.progress", { share: formatShare(report.data.share, lang) })}
          />
          {trail.length > 0 && (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconArrowUp size={16} />}
              onClick={() => setTrail((steps) => steps.slice(0, -1))}
              style={{ alignSelf: "flex-start" }}
            >
              {t("library.reads.up")}
            </Button>
          )}
          {report.data.children.length > 0 && (
            <BareList gap="xs" aria-label={t("library.reads.byUnit")}>
              {report.data.children.map((row) => (
                <Stack component="li" key={row.unit.id} gap={4}>
                  <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <Anchor
                      component="button"
                      type="button"
                      ta="left"
                      onClick={() => setTrail((steps) => [...steps, row.unit])}
                      style={{ overflowWrap: "anywhere" }}
                    >
                      {row.unit.name}
                    </Anchor>
                    <Text style={{ whiteSpace: "nowrap" }}>
                      {t("library.reads.row", {
                        readers: formatNumber(row.memberReaders, lang),
                        members: formatNumber(row.members, lang),
                        share: formatShare(row.share, lang),
                      })}
                    </Text>
                  </Group>
                  <Progress value={row.share * 100} size="sm" color="orange" aria-hidden />
                </Stack>
              ))}
            </BareList>
          )}
        </>
      )}
    </Section>
  );
}
