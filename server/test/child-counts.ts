import { sql } from "drizzle-orm";
import type { Executor } from "../src/db/client.ts";

/**
 * Units whose kept child count (the `units_child_count` triggers) differs from a count of their
 * children: none, always. Checked by the tests after reorganisations and imports.
 */
export async function childCountMismatches(db: Executor) {
  const result = (await db.execute(sql`
    select u.id, u.name, u.child_count, (select count(*)::int from units c where c.parent_id = u.id) as counted
    from units u
    where u.child_count <> (select count(*) from units c where c.parent_id = u.id)`)) as unknown as {
    rows: { id: string; name: string; child_count: number; counted: number }[];
  };
  return result.rows;
}
