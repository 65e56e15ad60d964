/**
 * The id fields of a zod body schema, found by walking it: every string (or list of strings) field
 * whose name ends in `Id` or `Ids`, or is the `id` of a nested object (a row of a list, a link), at
 * any depth (objects, lists, optional, nullable, unions).
 * The generated security suite puts a sibling province's ids into each of them.
 */
export interface IdField {
  /** Path inside the body: keys, and `[]` for a list element. */
  path: (string | "[]")[];
  /** The field's name (last key). */
  name: string;
  /** A list of ids (`…Ids`) rather than one id. */
  many: boolean;
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } })?._zod?.def;

export function bodyIdFields(schema: unknown): IdField[] {
  const found: IdField[] = [];
  const walk = (node: unknown, path: (string | "[]")[], seen: Set<unknown>) => {
    const def = defOf(node);
    if (!def || seen.has(node)) return;
    const next = new Set(seen).add(node);
    switch (def.type) {
      case "object": {
        const shape = (node as { shape: Record<string, unknown> }).shape;
        for (const [key, child] of Object.entries(shape)) {
          const leaf = unwrap(child);
          const leafDef = defOf(leaf);
          if ((/Ids?$/.test(key) || (key === "id" && path.length > 0)) && leafDef) {
            const many = leafDef.type === "array";
            const element = many ? defOf(unwrap(leafDef.element)) : leafDef;
            if (element?.type === "string") {
              found.push({ path: [...path, key], name: key, many });
              continue;
            }
          }
          walk(child, [...path, key], next);
        }
        return;
      }
      case "array":
        return walk(def.element, [...path, "[]"], next);
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "readonly":
      case "nonoptional":
      case "catch":
        return walk(def.innerType, path, next);
      case "pipe":
        return walk(def.in, path, next);
      case "union":
        for (const option of def.options as unknown[]) walk(option, path, next);
        return;
      case "intersection":
        walk(def.left, path, next);
        walk(def.right, path, next);
        return;
      case "lazy":
        return walk((def.getter as () => unknown)(), path, next);
    }
  };
  walk(schema, [], new Set());
  // A field reached through several union options is one field.
  const unique = new Map(found.map((f) => [f.path.join("."), f]));
  return [...unique.values()];
}

function unwrap(schema: unknown): unknown {
  let node = schema;
  for (;;) {
    const def = defOf(node);
    if (!def) return node;
    if (
      ["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch"].includes(def.type)
    ) {
      node = def.innerType;
    } else if (def.type === "pipe") {
      node = def.in;
    } else return node;
  }
}
