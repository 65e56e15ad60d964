import type { Actor } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import { allowedActions } from "../../lib/policy.ts";
import type { StoredFileRow } from "../files/schema.ts";
import { presentField, presentReviewState } from "../recognition/index.ts";
import { exemplarPolicy } from "./policy.ts";
import type { ExemplarListRow } from "./queries.ts";

export const exemplarObject = (row: ExemplarListRow) => ({
  unitPath: row.unitPath,
  status: row.exemplar.status,
  recognisedUnitPath: row.recognisedPath,
});

/** The first lines of a story, cut at a word, for cards and link previews. */
export function excerptOf(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

const photoOf = (id: string, photo: StoredFileRow | undefined) => {
  if (!photo) return null;
  const base = `/api/exemplars/${id}/photo`;
  return {
    url: `${base}?v=${photo.id}`,
    displayUrl: `${base}?variant=display&v=${photo.id}`,
    thumbUrl: `${base}?variant=thumb&v=${photo.id}`,
    width: photo.width,
    height: photo.height,
  };
};

export function presentExemplarItem(
  actor: Actor,
  row: ExemplarListRow,
  lang: Lang,
  photo: StoredFileRow | undefined,
) {
  const e = row.exemplar;
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    excerpt: excerptOf(e.story || e.achievements),
    field: presentField(row, lang),
    unit: { id: e.unitId, name: row.unitName },
    subjectUnit: e.subjectUnitId && row.subjectName ? { id: e.subjectUnitId, name: row.subjectName } : null,
    person:
      e.personId && row.personFullName
        ? { id: e.personId, fullName: row.personFullName, unitName: row.registryUnitName ?? "" }
        : null,
    personName: e.personName,
    personUnitName: e.personUnitName,
    status: e.status,
    registeredOn: e.registeredOn,
    ...presentReviewState(actor, e, row),
    practiceCount: Number(row.practiceCount),
    photo: photoOf(e.id, photo),
    allowedActions: allowedActions(actor, exemplarPolicy, exemplarObject(row)),
    version: e.version,
  };
}

/** Where a public exemplar belongs: the person's unit or address, else the nominating unit. */
const subtitleOf = (row: ExemplarListRow) =>
  row.exemplar.personUnitName ?? row.registryUnitName ?? row.unitName;

export function presentPublicExemplar(row: ExemplarListRow, lang: Lang, photo: StoredFileRow | undefined) {
  const e = row.exemplar;
  const base = `/api/public/exemplars/${e.id}/photo`;
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    subtitle: subtitleOf(row),
    excerpt: excerptOf(e.story || e.achievements),
    field: presentField(row, lang),
    unitName: row.unitName,
    recognisedByName: row.recognisedName,
    recognisedOn: e.recognisedOn,
    imageUrl: photo ? `${base}?variant=display&v=${photo.id}` : null,
    thumbUrl: photo ? `${base}?variant=thumb&v=${photo.id}` : null,
  };
}
