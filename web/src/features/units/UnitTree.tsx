import { Anchor, Box, Group, Loader, Text } from "@mantine/core";
import { useInViewport } from "@mantine/hooks";
import { IconChevronRight } from "@tabler/icons-react";
import {
  createContext,
  type KeyboardEvent,
  type ReactNode,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorAlert } from "../../components/ListStates";
import { formatNumber } from "../../lib/format";
import { type UnitItem, useKindNames, useTreeChildren, useUnit } from "./api";
import { CLOSED_UNIT_COLOR, SuccessorLink, UnitStatusBadge } from "./UnitStatusBadge";

type TreeUnit = Pick<UnitItem, "id" | "name" | "code" | "status" | "childCount" | "kindCode">;

const INDENT = 18;
const TOGGLE_SIZE = 36;
const ITEM = '[role="treeitem"]';

/** The roving tab stop: the one item of the tree that Tab reaches (the last one focused). */
const RovingContext = createContext<{ active: string; setActive: (key: string) => void }>({
  active: "",
  setActive: () => {},
});

/**
 * The unit tree from one unit down, as an ARIA tree: one tab stop, Up/Down to move, Right to open
 * (or go to the first sub-unit), Left to close (or go to the parent), Home/End, Enter to open the
 * unit's page. Each level loads when it is opened, a batch at a time, so a node with thousands of
 * children opens as fast as one with three; "load more" is an item of the tree too.
 */
export function UnitTree({ root }: { root: TreeUnit }) {
  const { t } = useTranslation();
  const [active, setActive] = useState(root.id);
  const roving = useMemo(() => ({ active, setActive }), [active]);
  return (
    <RovingContext.Provider value={roving}>
      <Box
        component="ul"
        role="tree"
        aria-label={t("units.tree.label")}
        p={0}
        m={0}
        style={{ listStyle: "none" }}
      >
        <UnitTreeNode unit={root} level={1} position={1} setSize={1} initiallyExpanded />
      </Box>
    </RovingContext.Provider>
  );
}

/** The items a keyboard user moves through: every rendered item, in reading order. */
function visibleItems(from: HTMLElement): HTMLElement[] {
  const tree = from.closest('[role="tree"]');
  return tree ? [...tree.querySelectorAll<HTMLElement>(ITEM)] : [];
}
const focusItem = (item: Element | null | undefined) => {
  if (item instanceof HTMLElement) item.focus();
};

/** Up, Down, Home, End: the same for units and for "load more". True when the key was handled. */
function moveFocus(event: KeyboardEvent<HTMLElement>): boolean {
  const item = event.currentTarget;
  const items = visibleItems(item);
  const index = items.indexOf(item);
  switch (event.key) {
    case "ArrowDown":
      focusItem(items[index + 1]);
      return true;
    case "ArrowUp":
      focusItem(items[index - 1]);
      return true;
    case "Home":
      focusItem(items[0]);
      return true;
    case "End":
      focusItem(items.at(-1));
      return true;
    default:
      return false;
  }
}
const parentItem = (item: HTMLElement) => item.parentElement?.closest<HTMLElement>(ITEM) ?? null;

function UnitTreeNode({
  unit,
  level,
  position,
  setSize,
  initiallyExpanded = false,
}: {
  unit: TreeUnit;
  /** 1 for the root of the tree shown. */
  level: number;
  position: number;
  setSize: number;
  initiallyExpanded?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const kindName = useKindNames();
  const roving = useContext(RovingContext);
  const hasChildren = unit.childCount > 0;
  const [expanded, setExpanded] = useState(initiallyExpanded && hasChildren);
  /**
   * The child to focus once it has loaded: the first (Right on a node still loading) or the first
   * of the next batch ("load more", which itself disappears with the last batch).
   */
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const children = useTreeChildren(unit.id, expanded && hasChildren);
  const groupRef = useRef<HTMLUListElement>(null);
  const nameId = useId();
  const metaId = useId();
  const closed = unit.status !== "active";
  const loaded = children.data?.pages.flatMap((page) => page.items) ?? [];
  const total = children.data?.pages.at(-1)?.total ?? unit.childCount;
  const count = (n: number) => formatNumber(n, i18n.resolvedLanguage ?? "vi");

  useEffect(() => {
    if (focusFrom === null || loaded.length <= focusFrom) return;
    setFocusFrom(null);
    focusItem(groupRef.current?.querySelectorAll(`:scope > ${ITEM}`)[focusFrom]);
  }, [focusFrom, loaded.length]);

  const collapse = () => {
    // The tab stop must not vanish with the closed branch: it comes back to this node.
    if (groupRef.current?.querySelector(`${ITEM}[tabindex="0"]`)) roving.setActive(unit.id);
    setExpanded(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return; // a key for an item nested in this one
    const item = event.currentTarget;
    if (moveFocus(event)) {
      event.preventDefault();
      return;
    }
    switch (event.key) {
      case "ArrowRight":
        if (!hasChildren) break;
        if (!expanded) setExpanded(true);
        else if (loaded.length) focusItem(groupRef.current?.querySelector(ITEM));
        else setFocusFrom(0);
        break;
      case "ArrowLeft":
        if (expanded) collapse();
        else focusItem(parentItem(item));
        break;
      case "Enter":
        navigate(`/units/${unit.id}`);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-posinset={position}
      aria-setsize={setSize}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-labelledby={nameId}
      aria-describedby={metaId}
      aria-busy={expanded && children.isFetching ? true : undefined}
      tabIndex={roving.active === unit.id ? 0 : -1}
      onFocus={(event) => {
        if (event.target === event.currentTarget) roving.setActive(unit.id);
      }}
      onKeyDown={onKeyDown}
      className="unit-tree-item"
      data-unit-id={unit.id}
    >
      <Group
        gap={4}
        wrap="nowrap"
        align="flex-start"
        pl={(level - 1) * INDENT}
        py={2}
        data-testid="unit-tree-node"
        className="unit-tree-row"
      >
        {hasChildren ? (
          // Mouse and touch only: the keyboard opens and closes with Right and Left.
          <Box
            component="span"
            aria-hidden
            onClick={() => (expanded ? collapse() : setExpanded(true))}
            w={TOGGLE_SIZE}
            h={TOGGLE_SIZE}
            style={{
              flexShrink: 0,
              display: "inline-flex",
              alignItems: "center",
              justifyContent: "center",
              cursor: "pointer",
              borderRadius: "var(--mantine-radius-sm)",
            }}
            className="unit-tree-toggle"
            data-testid="unit-tree-toggle"
          >
            <IconChevronRight
              size={18}
              style={{ transform: expanded ? "rotate(90deg)" : undefined, transition: "transform 120ms" }}
            />
          </Box>
        ) : (
          <Box w={TOGGLE_SIZE} h={TOGGLE_SIZE} style={{ flexShrink: 0 }} aria-hidden />
        )}
        <Box style={{ minWidth: 0, flex: 1 }} py={6}>
          <Anchor
            component={Link}
            to={`/units/${unit.id}`}
            id={nameId}
            tabIndex={-1}
            c={closed ? CLOSED_UNIT_COLOR : undefined}
            fw={level === 1 ? 700 : 500}
            style={{ overflowWrap: "anywhere" }}
          >
            {unit.name}
          </Anchor>
          <Group gap={8} mt={2} wrap="wrap" id={metaId}>
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
        <Box component="ul" role="group" ref={groupRef} p={0} m={0} style={{ listStyle: "none" }}>
          {loaded.map((child, index) => (
            <UnitTreeNode
              key={child.id}
              unit={child}
              level={level + 1}
              position={index + 1}
              setSize={total}
            />
          ))}
          {children.isPending && (
            <TreeNote level={level + 1}>
              <Group gap="xs" role="status">
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  {t("common.loading")}
                </Text>
              </Group>
            </TreeNote>
          )}
          {children.isError && (
            <TreeNote level={level + 1}>
              <ErrorAlert error={children.error} onRetry={() => children.refetch()} />
            </TreeNote>
          )}
          {children.hasNextPage && (
            <LoadMoreItem
              parentId={unit.id}
              level={level + 1}
              label={t("units.tree.more", { shown: count(loaded.length), total: count(total) })}
              loading={children.isFetchingNextPage}
              onLoad={() => {
                if (children.isFetchingNextPage) return;
                setFocusFrom(loaded.length);
                void children.fetchNextPage();
              }}
            />
          )}
        </Box>
      )}
    </li>
  );
}

/** A row inside a group that is not a unit (loading, an error): not an item of the tree. */
function TreeNote({ level, children }: { level: number; children: ReactNode }) {
  return (
    <Box component="li" role="none" pl={(level - 1) * INDENT + TOGGLE_SIZE} py="xs">
      {children}
    </Box>
  );
}

/**
 * "Xem thêm": an item of the tree, reached with the arrows like the units around it; Enter (or a
 * click) loads the next batch and moves the focus to the first unit of it.
 */
function LoadMoreItem({
  parentId,
  level,
  label,
  loading,
  onLoad,
}: {
  parentId: string;
  level: number;
  label: string;
  loading: boolean;
  /** Fetches the next batch; the parent then moves the focus to its first unit. */
  onLoad: () => void;
}) {
  const roving = useContext(RovingContext);
  const key = `more:${parentId}`;
  return (
    <Box
      component="li"
      role="treeitem"
      aria-level={level}
      aria-busy={loading || undefined}
      tabIndex={roving.active === key ? 0 : -1}
      onFocus={() => roving.setActive(key)}
      onClick={onLoad}
      onKeyDown={(event: KeyboardEvent<HTMLElement>) => {
        if (moveFocus(event)) {
          event.preventDefault();
        } else if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onLoad();
        } else if (event.key === "ArrowLeft") {
          event.preventDefault();
          focusItem(parentItem(event.currentTarget));
        }
      }}
      className="unit-tree-item unit-tree-more"
      pl={(level - 1) * INDENT + TOGGLE_SIZE - 8}
      py={4}
    >
      <Group gap="xs" className="unit-tree-row" px={8} py={4} style={{ cursor: "pointer" }}>
        {loading && <Loader size="xs" />}
        <Text size="sm" c="var(--mantine-primary-color-filled)" fw={500}>
          {label}
        </Text>
      </Group>
    </Box>
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
  return <span ref={ref}>{successor ? <SuccessorLink successor={successor} tabIndex={-1} /> : null}</span>;
}
