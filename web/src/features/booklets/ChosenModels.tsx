import { ActionIcon, Box, Group, Paper, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconGripVertical, IconX } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { BareList } from "../../components/BareList";

/** A model in the booklet being compiled, with what the list shows of it. */
export interface ChosenModel {
  id: string;
  title: string;
  unitName: string;
  note: string;
}

type Control = "up" | "down" | "remove";

/**
 * The booklet's models in print order. Each row has buttons to move it up or down and to remove it
 * (keyboard: Tab to a button, Enter or Space); focus stays on the moved model's button and a live
 * region says where it went. With a mouse, rows can also be dragged by their handle.
 */
export function ChosenModels({
  models,
  onChange,
  announcement,
  onAnnounce,
}: {
  models: readonly ChosenModel[];
  onChange: (next: ChosenModel[]) => void;
  announcement: string;
  onAnnounce: (message: string) => void;
}) {
  const { t } = useTranslation();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const heading = useRef<HTMLHeadingElement>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);

  useEffect(() => {
    if (!focus) return;
    if (focus === "heading") heading.current?.focus();
    else buttons.current.get(focus)?.focus();
    setFocus(null);
  }, [focus]);

  const moveTo = (from: number, to: number, control?: Control) => {
    const model = models[from];
    if (!model || to < 0 || to >= models.length || from === to) return;
    const next = [...models];
    next.splice(from, 1);
    next.splice(to, 0, model);
    onChange(next);
    onAnnounce(t("booklets.chosen.moved", { title: model.title, position: to + 1 }));
    // A button that becomes disabled (first or last place) would drop focus: use the other one.
    if (control === "up") setFocus(`${model.id}:${to === 0 ? "down" : "up"}`);
    if (control === "down") setFocus(`${model.id}:${to === models.length - 1 ? "up" : "down"}`);
  };
  const remove = (index: number) => {
    const model = models[index];
    if (!model) return;
    const next = models.filter((_, i) => i !== index);
    onChange(next);
    onAnnounce(t("booklets.chosen.removed", { title: model.title }));
    const neighbour = next[index] ?? next[index - 1];
    setFocus(neighbour ? `${neighbour.id}:remove` : "heading");
  };
  const register = (id: string, control: Control) => (element: HTMLButtonElement | null) => {
    const key = `${id}:${control}`;
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  return (
    <Stack gap="xs">
      <Title order={2} fz="h4" ref={heading} tabIndex={-1} id="booklet-chosen">
        {t("booklets.chosen.title", { count: models.length })}
      </Title>
      <Text size="sm" c="dimmed">
        {t("booklets.chosen.hint")}
      </Text>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      {models.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm">
          {t("booklets.chosen.empty")}
        </Text>
      ) : (
        <BareList ordered gap={6} aria-labelledby="booklet-chosen">
          {models.map((model, index) => (
            <Paper
              component="li"
              key={model.id}
              withBorder
              radius="md"
              p="xs"
              draggable
              onDragStart={(event) => {
                setDragged(index);
                event.dataTransfer.effectAllowed = "move";
              }}
              onDragOver={(event) => {
                if (dragged !== null) event.preventDefault();
              }}
              onDrop={(event) => {
                event.preventDefault();
                if (dragged !== null) moveTo(dragged, index);
                setDragged(null);
              }}
              onDragEnd={() => setDragged(null)}
              style={{ opacity: dragged === index ? 0.5 : 1 }}
            >
              {/* On a phone the buttons go under the title, which keeps the width to read it. */}
              <Group gap="xs" wrap="wrap" align="center" justify="flex-end">
                <Group gap="xs" wrap="nowrap" align="center" style={{ flex: "1 1 220px", minWidth: 0 }}>
                  {/* Dragging needs a mouse: on phones the buttons do it. */}
                  <Box
                    visibleFrom="sm"
                    style={{ cursor: "grab", flexShrink: 0, display: "flex" }}
                    aria-hidden
                  >
                    <IconGripVertical size={18} color="var(--mantine-color-dimmed)" />
                  </Box>
                  <Text fw={700} w={28} ta="right" style={{ flexShrink: 0 }} aria-hidden>
                    {index + 1}.
                  </Text>
                  <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                    <Text fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                      <VisuallyHidden>{`${index + 1}. `}</VisuallyHidden>
                      {model.title}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {[model.unitName, model.note].filter(Boolean).join(" · ")}
                    </Text>
                  </Stack>
                </Group>
                <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                  <ActionIcon
                    ref={register(model.id, "up")}
                    variant="default"
                    size={40}
                    disabled={index === 0}
                    aria-label={t("booklets.chosen.moveUp", { title: model.title })}
                    onClick={() => moveTo(index, index - 1, "up")}
                  >
                    <IconArrowUp size={18} />
                  </ActionIcon>
                  <ActionIcon
                    ref={register(model.id, "down")}
                    variant="default"
                    size={40}
                    disabled={index === models.length - 1}
                    aria-label={t("booklets.chosen.moveDown", { title: model.title })}
                    onClick={() => moveTo(index, index + 1, "down")}
                  >
                    <IconArrowDown size={18} />
                  </ActionIcon>
                  <ActionIcon
                    ref={register(model.id, "remove")}
                    variant="subtle"
                    color="red"
                    size={40}
                    aria-label={t("booklets.chosen.remove", { title: model.title })}
                    onClick={() => remove(index)}
                  >
                    <IconX size={18} />
                  </ActionIcon>
                </Group>
              </Group>
            </Paper>
          ))}
        </BareList>
      )}
    </Stack>
  );
}
