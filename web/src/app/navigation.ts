import {
  IconHistory,
  IconHome,
  IconKey,
  IconSitemap,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { ComponentType } from "react";
import type { Role } from "./session";

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
    | "nav.account";
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  roles?: readonly Role[];
}

export const MODULE_ROLES = {
  // Members see only their own record: the organisation and registry pages are for the others.
  units: ["admin", "officer", "leader", "secretary"],
  people: ["admin", "officer", "leader", "secretary"],
  users: ["admin", "officer", "leader"],
  audit: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/", labelKey: "nav.home", icon: IconHome },
  { path: "/units", labelKey: "nav.units", icon: IconSitemap, roles: MODULE_ROLES.units },
  { path: "/people", labelKey: "nav.people", icon: IconUsersGroup, roles: MODULE_ROLES.people },
  { path: "/users", labelKey: "nav.users", icon: IconUsers, roles: MODULE_ROLES.users },
  { path: "/audit", labelKey: "nav.audit", icon: IconHistory, roles: MODULE_ROLES.audit },
  { path: "/tokens", labelKey: "nav.tokens", icon: IconKey },
  { path: "/account", labelKey: "nav.account", icon: IconUserCircle },
];

export function canAccess(role: Role, roles: readonly Role[] | undefined): boolean {
  return roles === undefined || roles.includes(role);
}
