import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";

export const adminAreaItem = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  level: z.enum(["province", "commune"]),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
});
export const adminAreaListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  provinceCode: z
    .string()
    .trim()
    .regex(/^\d{2}$/)
    .optional(),
  level: z.enum(["province", "commune"]).optional(),
});
export const adminAreaListResponse = listOf(adminAreaItem);
