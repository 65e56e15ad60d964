import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions, inSubtree } from "../../lib/policy.ts";
import { documentPolicy } from "./policy.ts";
import type { DocumentRow, VersionRow } from "./queries.ts";

export const documentObject = (row: { unitPath: string }) => ({ unitPath: row.unitPath });

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function presentVersion(documentId: string, row: VersionRow) {
  return {
    id: row.version.id,
    number: row.version.number,
    fileName: row.file.fileName,
    contentType: row.file.contentType,
    size: row.file.size,
    note: row.version.note,
    url: `/api/library/${documentId}/versions/${row.version.id}`,
    createdAt: row.version.createdAt.toISOString(),
    createdByName: row.createdByName,
  };
}

/** A document in a list or on its page; `versions` are its own, the latest first. */
export function presentDocument(actor: Actor, row: DocumentRow, versions: VersionRow[]) {
  const d = row.document;
  const latest = versions[0];
  return {
    id: d.id,
    kind: d.kind,
    number: d.number,
    title: d.title,
    summary: d.summary,
    issuedOn: d.issuedOn,
    unit: { id: d.unitId, name: row.unitName },
    mine: inSubtree(actor, row.unitPath),
    versionCount: versions.length,
    latest: latest ? presentVersion(d.id, latest) : null,
    readAt: row.readAt ? iso(row.readAt) : null,
    allowedActions: allowedActions(actor, documentPolicy, documentObject(row)),
    version: d.version,
  };
}
