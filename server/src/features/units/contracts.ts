import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";

export const unitItem = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  depth: z.number().int(),
});
export const unitListQuery = pageQuery.extend({ q: z.string().trim().max(100).optional() });
export const unitListResponse = listOf(unitItem);
