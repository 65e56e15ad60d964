import {
  IconAward,
  IconBook2,
  IconBooks,
  IconBulb,
  IconCertificate,
  IconChartBar,
  IconChecklist,
  IconClipboardCheck,
  IconClipboardList,
  IconFileAnalytics,
  IconHistory,
  IconHome,
  IconKey,
  IconLibrary,
  IconListCheck,
  IconScale,
  IconSitemap,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { ComponentType } from "react";
import { CommendationQueueBadge } from "../features/commendations/QueueBadge";
import { ExemplarQueueBadge } from "../features/exemplars/ExemplarQueueBadge";
import { ReviewQueueBadge } from "../features/practices/ReviewQueueBadge";

/**
 * The modules in the navigation and who sees them (the server's capabilities). The server enforces access; this only
 * keeps people from being offered pages they cannot use.
 */
export interface NavItem {
  path: string;
  labelKey:
    | "nav.home"
    | "nav.units"
    | "nav.people"
    | "nav.users"
    | "nav.audit"
    | "nav.tokens"
    | "nav.account"
    | "practices.nav.list"
    | "practices.nav.queue"
    | "exemplars.nav"
    | "booklets.nav"
    | "commendations.nav"
    | "dashboard.nav"
    | "commitments.nav.mine"
    | "commitments.nav.staff"
    | "topics.nav"
    | "library.nav"
    | "standards.nav"
    | "plans.nav"
    | "reports.nav";
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Shown to those who hold this capability of the server (see `can` in lib/session.ts); else to all. */
  capability?: string;
  /** A count shown beside the label (what waits for the user). */
  badge?: ComponentType;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/", labelKey: "nav.home", icon: IconHome },
  { path: "/dashboard", labelKey: "dashboard.nav", icon: IconChartBar, capability: "dashboard.view" },
  { path: "/units", labelKey: "nav.units", icon: IconSitemap, capability: "units.browse" },
  { path: "/people", labelKey: "nav.people", icon: IconUsersGroup, capability: "people.browse" },
  {
    path: "/commitment",
    labelKey: "commitments.nav.mine",
    icon: IconClipboardCheck,
    capability: "commitments.own",
  },
  {
    path: "/commitments",
    labelKey: "commitments.nav.staff",
    icon: IconListCheck,
    capability: "commitments.browse",
  },
  { path: "/plans", labelKey: "plans.nav", icon: IconClipboardList },
  { path: "/reports", labelKey: "reports.nav", icon: IconFileAnalytics, capability: "reports.browse" },
  { path: "/topics", labelKey: "topics.nav", icon: IconBook2 },
  { path: "/library", labelKey: "library.nav", icon: IconLibrary },
  { path: "/standards", labelKey: "standards.nav", icon: IconScale },
  { path: "/practices", labelKey: "practices.nav.list", icon: IconBulb },
  {
    path: "/review-queue",
    labelKey: "practices.nav.queue",
    icon: IconChecklist,
    capability: "recognition.review",
    badge: ReviewQueueBadge,
  },
  { path: "/exemplars", labelKey: "exemplars.nav", icon: IconAward, badge: ExemplarQueueBadge },
  { path: "/booklets", labelKey: "booklets.nav", icon: IconBooks },
  {
    path: "/commendations",
    labelKey: "commendations.nav",
    icon: IconCertificate,
    capability: "commendations.browse",
    badge: CommendationQueueBadge,
  },
  { path: "/users", labelKey: "nav.users", icon: IconUsers, capability: "users.browse" },
  { path: "/audit", labelKey: "nav.audit", icon: IconHistory, capability: "audit.read" },
  { path: "/tokens", labelKey: "nav.tokens", icon: IconKey },
  { path: "/account", labelKey: "nav.account", icon: IconUserCircle },
];
