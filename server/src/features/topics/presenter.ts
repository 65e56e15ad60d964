import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions, inSubtree } from "../../lib/policy.ts";
import { studySessionPolicy, themePolicy } from "./policy.ts";
import type { SessionListRow, ThemeListRow } from "./queries.ts";

export const themeObject = (row: { unitPath: string }) => ({ unitPath: row.unitPath });

export function presentTheme(actor: Actor, row: ThemeListRow) {
  const t = row.theme;
  return {
    id: t.id,
    year: t.year,
    title: t.title,
    summary: t.summary,
    unit: { id: t.unitId, name: row.unitName },
    mine: inSubtree(actor, row.unitPath),
    links: t.links,
    fileCount: Number(row.fileCount),
    allowedActions: allowedActions(actor, themePolicy, themeObject(row)),
    version: t.version,
  };
}

export function presentSession(actor: Actor, row: SessionListRow, attended: boolean) {
  const s = row.session;
  return {
    id: s.id,
    unit: { id: s.unitId, name: row.unitName },
    theme: { id: s.themeId, title: row.themeTitle, year: row.themeYear },
    heldOn: s.heldOn,
    notes: s.notes,
    attendeeCount: Number(row.attendeeCount),
    attendedByMe: attended,
    allowedActions: allowedActions(actor, studySessionPolicy, { unitPath: row.unitPath }),
    version: s.version,
  };
}
