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
import { COMMENDATION_ROLES } from "../features/commendations/api";
import { CommendationQueueBadge } from "../features/commendations/QueueBadge";
import { ExemplarQueueBadge } from "../features/exemplars/ExemplarQueueBadge";
import { ReviewQueueBadge } from "../features/practices/ReviewQueueBadge";
import { REPORT_ROLES } from "../features/reports/api";
import type { Role } from "../lib/session";

/**
 * The modules in the navigation and which roles see them. The server enforces access; this only
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
  roles?: readonly Role[];
  /** A count shown beside the label (what waits for the user). */
  badge?: ComponentType;
}

export const MODULE_ROLES = {
  // Members see only their own record: the organisation and registry pages are for the others.
  units: ["admin", "officer", "leader", "secretary"],
  people: ["admin", "officer", "leader", "secretary"],
  users: ["admin", "officer", "leader"],
  audit: ["admin"],
  // Models: everyone reads them; their unit's keepers register them; reviewers have a queue.
  practiceKeepers: ["admin", "officer", "secretary"],
  reviewQueue: ["admin", "officer", "leader"],
  // Commitments: members (and secretaries, members of their cell) write their own; the others keep the units'.
  myCommitment: ["member", "secretary"],
  commitments: ["admin", "officer", "leader", "secretary"],
  // The dashboard: the figures of the unit's subtree (members read their own records instead).
  dashboard: ["admin", "officer", "leader", "secretary"],
} as const satisfies Record<string, readonly Role[]>;

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/", labelKey: "nav.home", icon: IconHome },
  { path: "/dashboard", labelKey: "dashboard.nav", icon: IconChartBar, roles: MODULE_ROLES.dashboard },
  { path: "/units", labelKey: "nav.units", icon: IconSitemap, roles: MODULE_ROLES.units },
  { path: "/people", labelKey: "nav.people", icon: IconUsersGroup, roles: MODULE_ROLES.people },
  {
    path: "/commitment",
    labelKey: "commitments.nav.mine",
    icon: IconClipboardCheck,
    roles: MODULE_ROLES.myCommitment,
  },
  {
    path: "/commitments",
    labelKey: "commitments.nav.staff",
    icon: IconListCheck,
    roles: MODULE_ROLES.commitments,
  },
  { path: "/plans", labelKey: "plans.nav", icon: IconClipboardList },
  { path: "/reports", labelKey: "reports.nav", icon: IconFileAnalytics, roles: REPORT_ROLES },
  { path: "/topics", labelKey: "topics.nav", icon: IconBook2 },
  { path: "/library", labelKey: "library.nav", icon: IconLibrary },
  { path: "/standards", labelKey: "standards.nav", icon: IconScale },
  { path: "/practices", labelKey: "practices.nav.list", icon: IconBulb },
  {
    path: "/review-queue",
    labelKey: "practices.nav.queue",
    icon: IconChecklist,
    roles: MODULE_ROLES.reviewQueue,
    badge: ReviewQueueBadge,
  },
  { path: "/exemplars", labelKey: "exemplars.nav", icon: IconAward, badge: ExemplarQueueBadge },
  { path: "/booklets", labelKey: "booklets.nav", icon: IconBooks },
  {
    path: "/commendations",
    labelKey: "commendations.nav",
    icon: IconCertificate,
    roles: COMMENDATION_ROLES,
    badge: CommendationQueueBadge,
  },
  { path: "/users", labelKey: "nav.users", icon: IconUsers, roles: MODULE_ROLES.users },
  { path: "/audit", labelKey: "nav.audit", icon: IconHistory, roles: MODULE_ROLES.audit },
  { path: "/tokens", labelKey: "nav.tokens", icon: IconKey },
  { path: "/account", labelKey: "nav.account", icon: IconUserCircle },
];

export function canAccess(role: Role, roles: readonly Role[] | undefined): boolean {
  return roles === undefined || roles.includes(role);
}
