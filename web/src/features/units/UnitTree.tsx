import { ActionIcon, Anchor, Box, Button, Group, Loader, Text } from "@mantine/core";
import { useInViewport } from "@mantine/hooks";
import { IconChevronRight } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatNumber } from "../../app/format";
import { ErrorAlert } from "../../components/ListStates";
import { type UnitItem, useKindNames, useTreeChildren, useUnit } from "./api";
import { CLOSED_UNIT_COLOR, SuccessorLink, UnitStatusBadge } from "./UnitStatusBadge";

type TreeUnit = Pick<UnitItem, "id" | "name" | "code" | "status" | "childCount" | "kindCode">;

const INDENT = 18;
const TOGGLE_SIZE = 36;

/**
 * The unit tree from one unit down. Each level loads when it is opened, a batch at a time, so a
 * node with thousands of children opens as fast as one with three. Nested lists with disclosure
 * buttons: every screen reader reads them, and Tab reaches each toggle and each link.
 */
export function UnitTree({ root }: { root: TreeUnit }) {
  const { t } = useTranslation();
  return (
    <Box component="ul" aria-label={t("units.tree.label")} p={0} m={0} style={{ listStyle: "none" }}>
      <UnitTreeNode unit={root} level={0} initiallyExpanded />
    </Box>
  );
}

function UnitTreeNode({
  unit,
  level,
  initiallyExpanded = false,
}: {
  unit: TreeUnit;
  level: number;
  initiallyExpanded?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const kindName = useKindNames();
  const hasChildren = unit.childCount > 0;
  const [expanded, setExpanded] = useState(initiallyExpanded && hasChildren);
  const children = useTreeChildren(unit.id, expanded && hasChildren);
  const listId = useId();
  const closed = unit.status !== "active";
  const loaded = children.data?.pages.flatMap((page) => page.items) ?? [];
  const total = children.data?.pages.at(-1)?.total ?? unit.childCount;
  const count = (n: number) => formatNumber(n, i18n.resolvedLanguage ?? "vi");

  return (
    <li>
      <Group gap={4} wrap="nowrap" align="flex-start" pl={level * INDENT} py={2} data-testid="unit-tree-node">
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size={TOGGLE_SIZE}
            aria-expanded={expanded}
            aria-controls={expanded ? listId : undefined}
            aria-label={t(expanded ? "units.tree.collapse" : "units.tree.expand", { name: unit.name })}
            onClick={() => setExpanded((value) => !value)}
          >
            <IconChevronRight
              size={18}
              style={{ transform: expanded ? "rotate(90deg)" : undefined, transition: "transform 120ms" }}
            />
          </ActionIcon>
        ) : (
          <Box w={TOGGLE_SIZE} h={TOGGLE_SIZE} style={{ flexShrink: 0 }} aria-hidden />
        )}
        <Box style={{ minWidth: 0, flex: 1 }} py={6}>
          <Anchor
            component={Link}
            to={`/units/${unit.id}`}
            c={closed ? CLOSED_UNIT_COLOR : undefined}
            fw={level === 0 ? 700 : 500}
            style={{ overflowWrap: "anywhere" }}
          >
            {unit.name}
          </Anchor>
          <Group gap={8} mt={2} wrap="wrap">
            {unit.code && (
              <Text size="xs" c="dimmed" ff="monospace">
                {unit.code}
              </Text>
            )}
            {unit.kindCode && (
              <Text size="xs" c="dimmed">
                {kindName(unit.kindCode)}
              </Text>
            )}
            {hasChildren && (
              <Text size="xs" c="dimmed">
                {t("units.tree.childCount", { count: unit.childCount, formatted: count(unit.childCount) })}
              </Text>
            )}
            {closed && <UnitStatusBadge status={unit.status} size="sm" />}
            {unit.status === "merged" && <TreeSuccessor id={unit.id} />}
          </Group>
        </Box>
      </Group>
      {expanded && (
        <Box
          component="ul"
          id={listId}
          p={0}
          m={0}
          style={{ listStyle: "none" }}
          aria-busy={children.isFetching}
        >
          {loaded.map((child) => (
            <UnitTreeNode key={child.id} unit={child} level={level + 1} />
          ))}
          {children.isPending && (
            <Box component="li" pl={(level + 1) * INDENT + TOGGLE_SIZE} py="xs">
              <Group gap="xs" role="status">
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  {t("common.loading")}
                </Text>
              </Group>
            </Box>
          )}
          {children.isError && (
            <Box component="li" pl={(level + 1) * INDENT} py="xs">
              <ErrorAlert error={children.error} onRetry={() => children.refetch()} />
            </Box>
          )}
          {children.hasNextPage && (
            <Box component="li" pl={(level + 1) * INDENT + TOGGLE_SIZE - 8} py={4}>
              <Button
                variant="subtle"
                size="compact-sm"
                loading={children.isFetchingNextPage}
                onClick={() => children.fetchNextPage()}
              >
                {t("units.tree.more", { shown: count(loaded.length), total: count(total) })}
              </Button>
            </Box>
          )}
        </Box>
      )}
    </li>
  );
}

/**
 * A merged unit in the tree links to the unit it went into. List rows do not carry the successor,
 * so it is read from the unit's details, and only once the row scrolls into view: after a reform a
 * node may hold hundreds of merged units.
 */
function TreeSuccessor({ id }: { id: string }) {
  const { ref, inViewport } = useInViewport();
  const [seen, setSeen] = useState(false);
  if (inViewport && !seen) setSeen(true);
  const detail = useUnit(seen ? id : null);
  const successor = detail.data?.unit.successor;
  return <span ref={ref}>{successor ? <SuccessorLink successor={successor} /> : null}</span>;
}
