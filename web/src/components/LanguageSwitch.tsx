import { Box, Button, Group } from "@mantine/core";
import { IconLanguage } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { currentLocale, type Locale } from "../lib/i18n";
import { useSwitchLocale } from "../lib/session";

const LANGUAGE_NAMES: Record<Locale, string> = { vi: "Tiếng Việt", en: "English" };

/** Two buttons for the pages outside the app frame (login, forced password change). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const switchLocale = useSwitchLocale();
  const active = currentLocale();
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label={t("language.label")}>
      <Box visibleFrom="xs" display="flex" aria-hidden>
        <IconLanguage size={18} />
      </Box>
      {(["vi", "en"] as const).map((locale) => (
        <Button
          key={locale}
          size="compact-sm"
          variant={active === locale ? "light" : "subtle"}
          aria-pressed={active === locale}
          lang={locale}
          data-testid={`lang-${locale}`}
          onClick={() => switchLocale.mutate(locale)}
        >
          {LANGUAGE_NAMES[locale]}
        </Button>
      ))}
    </Group>
  );
}

export { LANGUAGE_NAMES };
