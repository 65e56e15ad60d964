import type { Actor } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import { allowedActions, inSubtree } from "../../lib/policy.ts";
import type { StoredFileRow } from "../files/schema.ts";
import { exportUrl, formatOf } from "./export.ts";
import { bookletPolicy } from "./policy.ts";
import type { BookletListRow, BookletModelRow } from "./queries.ts";

export const bookletObject = (row: BookletListRow) => ({ unitPath: row.unitPath });

export function presentBookletItem(actor: Actor, row: BookletListRow) {
  const b = row.booklet;
  return {
    id: b.id,
    title: b.title,
    subtitle: b.subtitle,
    unit: { id: b.unitId, name: row.unitName },
    modelCount: Number(row.modelCount),
    mine: inSubtree(actor, row.unitPath),
    updatedAt: b.updatedAt.toISOString(),
    allowedActions: allowedActions(actor, bookletPolicy, bookletObject(row)),
    version: b.version,
  };
}

export function presentBookletModel(row: BookletModelRow, lang: Lang, thumb: StoredFileRow | undefined) {
  const p = row.practice;
  return {
    position: row.position,
    id: p.id,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    field: { code: row.fieldCode, name: lang === "en" ? row.fieldNameEn : row.fieldName },
    unit: { id: p.unitId, name: row.unitName },
    person: p.personId && row.personName ? { id: p.personId, fullName: row.personName } : null,
    recognisedBy:
      p.recognisedUnitId && row.recognisedName
        ? {
            id: p.recognisedUnitId,
            name: row.recognisedName,
            kindCode: p.recognisedLevel,
            kindName: row.recognisedKindName,
          }
        : null,
    recognisedOn: p.recognisedOn,
    thumbUrl: thumb ? `/api/practices/${p.id}/files/${thumb.id}?variant=thumb` : null,
  };
}

export function presentExport(bookletId: string, file: StoredFileRow) {
  return {
    id: file.id,
    format: formatOf(file),
    fileName: file.fileName,
    size: file.size,
    createdAt: file.createdAt.toISOString(),
    url: exportUrl(bookletId, file.id),
  };
}
