import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { configureApiClient } from "../lib/api";
import i18n, { currentLocale } from "../lib/i18n";
import { queryClient } from "../lib/queryClient";
import { clearSession } from "../lib/session";
import { cssVariablesResolver, themeFor } from "./theme";

configureApiClient({
  language: currentLocale,
  onUnauthorized: () => clearSession(queryClient),
  fallbackMessage: (kind, status) =>
    kind === "network" ? i18n.t("errors.network") : i18n.t("errors.http", { status }),
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <ThemedApp>{children}</ThemedApp>
    </I18nextProvider>
  );
}

function ThemedApp({ children }: { children: ReactNode }) {
  const { t, i18n: current } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme follows the language
  const theme = useMemo(() => themeFor(t("common.clear")), [t, current.language]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
