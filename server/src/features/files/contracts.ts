import { z } from "zod";

export const fileItem = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.enum(["image", "pdf", "document"]),
  contentType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** The original file; images also have a display copy and a thumbnail. */
  url: z.string(),
  displayUrl: z.string().nullable(),
  thumbUrl: z.string().nullable(),
});

export const fileVariantQuery = z.object({
  variant: z.enum(["original", "display", "thumb"]).default("original"),
});
