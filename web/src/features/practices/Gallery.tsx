import { Anchor, Button, Group, Image, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AppModal } from "../../components/AppModal";

export interface GalleryImage {
  key: string;
  thumbUrl: string;
  displayUrl: string;
  /** Said by screen readers, shown if the image does not load. */
  alt: string;
  caption?: string;
}

/**
 * Photos as thumbnails; one opens in a dialog at display size, with previous/next. Every
 * thumbnail is a button (keyboard) named by its alternative text.
 */
export function Gallery({ images, title }: { images: readonly GalleryImage[]; title: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const current = open === null ? null : images[open];
  const go = (step: number) =>
    setOpen((index) => (index === null ? null : (index + step + images.length) % images.length));

  return (
    <>
      <SimpleGrid
        cols={{ base: 2, xs: 3, sm: 4 }}
        spacing="xs"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: "none" }}
        aria-label={title}
      >
        {images.map((image, index) => (
          <li key={image.key}>
            <UnstyledButton
              onClick={() => setOpen(index)}
              style={{ display: "block", width: "100%", borderRadius: "var(--mantine-radius-sm)" }}
              aria-label={t("practices.gallery.open", { alt: image.alt })}
            >
              <Image src={image.thumbUrl} alt={image.alt} radius="sm" h={120} fit="cover" loading="lazy" />
            </UnstyledButton>
          </li>
        ))}
      </SimpleGrid>
      <AppModal
        opened={current !== null && current !== undefined}
        onClose={() => setOpen(null)}
        title={
          current ? t("practices.gallery.position", { index: (open ?? 0) + 1, total: images.length }) : ""
        }
        size="xl"
      >
        {current && (
          <Stack gap="sm">
            <Image src={current.displayUrl} alt={current.alt} radius="sm" fit="contain" mah="70vh" />
            {current.caption && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {current.caption}
              </Text>
            )}
            <Group justify="space-between" wrap="wrap">
              <Anchor href={current.displayUrl} target="_blank" rel="noopener" size="sm">
                {t("practices.gallery.openFull")}
              </Anchor>
              {images.length > 1 && (
                <Group gap="xs">
                  <Button
                    variant="default"
                    leftSection={<IconChevronLeft size={16} />}
                    onClick={() => go(-1)}
                  >
                    {t("practices.gallery.previous")}
                  </Button>
                  <Button
                    variant="default"
                    rightSection={<IconChevronRight size={16} />}
                    onClick={() => go(1)}
                  >
                    {t("practices.gallery.next")}
                  </Button>
                </Group>
              )}
            </Group>
          </Stack>
        )}
      </AppModal>
    </>
  );
}
