import type { StoredFileRow } from "./schema.ts";

export const fileUrl = (base: string, f: StoredFileRow) => ({
  url: `${base}/files/${f.id}`,
  displayUrl: f.kind === "image" ? `${base}/files/${f.id}?variant=display` : null,
  thumbUrl: f.kind === "image" ? `${base}/files/${f.id}?variant=thumb` : null,
});

export function presentFile(base: string, f: StoredFileRow) {
  return {
    id: f.id,
    fileName: f.fileName,
    kind: f.kind,
    contentType: f.contentType,
    size: f.size,
    width: f.width,
    height: f.height,
    ...fileUrl(base, f),
  };
}
