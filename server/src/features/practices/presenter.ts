import type { Actor } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import { allowedActions } from "../../lib/policy.ts";
import { fileUrl } from "../files/index.ts";
import type { StoredFileRow } from "../files/schema.ts";
import { presentField, presentReviewState } from "../recognition/index.ts";
import { practicePolicy } from "./policy.ts";

import type { PracticeListRow } from "./queries.ts";
import type { AdoptionRow } from "./schema.ts";

export const practiceObject = (row: PracticeListRow) => ({
  unitPath: row.unitPath,
  status: row.practice.status,
  recognisedUnitPath: row.recognisedPath,
});

export function presentPracticeItem(actor: Actor, row: PracticeListRow, lang: Lang, cover?: StoredFileRow) {
  const p = row.practice;
  const base = `/api/practices/${p.id}`;
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    field: presentField(row, lang),
    unit: { id: p.unitId, name: row.unitName },
    person: p.personId && row.personName ? { id: p.personId, fullName: row.personName } : null,
    status: p.status,
    registeredOn: p.registeredOn,
    startedOn: p.startedOn,
    ...presentReviewState(actor, p, row),
    adoptionCount: Number(row.adoptionCount),
    cover: cover
      ? { thumbUrl: fileUrl(base, cover).thumbUrl, displayUrl: fileUrl(base, cover).displayUrl }
      : null,
    allowedActions: allowedActions(actor, practicePolicy, practiceObject(row)),
    version: p.version,
  };
}

export function presentAdoption(
  row: { adoption: AdoptionRow; unitName: string; title: string },
  mayEdit: boolean,
) {
  const a = row.adoption;
  return {
    id: a.id,
    practice: { id: a.practiceId, title: row.title },
    unit: { id: a.unitId, name: row.unitName },
    startedOn: a.startedOn,
    notes: a.notes,
    results: a.results,
    mayEdit,
    version: a.version,
  };
}

export function presentPublicPractice(row: PracticeListRow, lang: Lang, image?: StoredFileRow) {
  const p = row.practice;
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    field: presentField(row, lang),
    unitName: row.unitName,
    recognisedByName: row.recognisedName,
    recognisedOn: p.recognisedOn,
    imageUrl: image ? `/api/public/practices/${p.id}/files/${image.id}?variant=display` : null,
  };
}
