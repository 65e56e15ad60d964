import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions, inSubtree } from "../../lib/policy.ts";
import { studySessionPolicy, topicPolicy } from "./policy.ts";
import type { SessionListRow, TopicListRow } from "./queries.ts";

export const topicObject = (row: { unitPath: string }) => ({ unitPath: row.unitPath });

export function presentTopic(actor: Actor, row: TopicListRow) {
  const t = row.topic;
  return {
    id: t.id,
    year: t.year,
    title: t.title,
    summary: t.summary,
    unit: { id: t.unitId, name: row.unitName },
    mine: inSubtree(actor, row.unitPath),
    links: t.links,
    fileCount: Number(row.fileCount),
    allowedActions: allowedActions(actor, topicPolicy, topicObject(row)),
    version: t.version,
  };
}

export function presentSession(actor: Actor, row: SessionListRow, attended: boolean) {
  const s = row.session;
  return {
    id: s.id,
    unit: { id: s.unitId, name: row.unitName },
    topic: { id: s.topicId, title: row.topicTitle, year: row.topicYear },
    heldOn: s.heldOn,
    notes: s.notes,
    attendeeCount: Number(row.attendeeCount),
    attendedByMe: attended,
    allowedActions: allowedActions(actor, studySessionPolicy, { unitPath: row.unitPath }),
    version: s.version,
  };
}
