// `npm run api-types`: the web's types of the API, generated from the OpenAPI document the server
// serves (`/api/openapi.json`, made by @fastify/swagger from the zod route schemas), written to
// web/src/lib/api-types.ts. The app is built in-process on an embedded database copied from the
// migrated template (route registration reads the part names) and never listens.
//   --check   regenerate in memory and fail when the committed file differs (npm run check, so CI)
// openapi-typescript needs TypeScript 5's compiler API, which TypeScript 7 (the repo's) does not have,
// so the document is walked here: each path's methods, their JSON request body, parameters and
// responses, each schema written as a TypeScript type.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../server/src/app.ts";
import { loadConfig } from "../server/src/config.ts";
import { openPglite } from "../server/src/db/client.ts";
import { ensurePgliteTemplate } from "../server/src/db/pglite-template.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "web", "src", "lib", "api-types.ts");

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  $ref?: string;
}

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const methods = ["get", "post", "put", "patch", "delete"];

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function indent(text: string, by: string): string {
  return text.replaceAll("\n", `\n${by}`);
}

function objectType(schema: Schema, pad: string): string {
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, property]) =>
      `${pad}  ${key(name)}${required.has(name) ? "" : "?"}: ${indent(typeOf(property, ""), `${pad}  `)};`,
  );
  const extra = schema.additionalProperties;
  if (extra && typeof extra === "object") lines.push(`${pad}  [key: string]: ${typeOf(extra, `${pad}  `)};`);
  else if (extra === true || (lines.length === 0 && extra !== false))
    lines.push(`${pad}  [key: string]: unknown;`);
  return `{\n${lines.join("\n")}\n${pad}}`;
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? (unique[0] as string) : unique.join(" | ");
}

function typeOf(schema: Schema | undefined, pad: string): string {
  if (!schema) return "unknown";
  const base = baseType(schema, pad);
  return schema.nullable && base !== "null" ? union([base, "null"]) : base;
}

function baseType(schema: Schema, pad: string): string {
  if (schema.$ref) return `components["schemas"][${JSON.stringify(schema.$ref.split("/").at(-1))}]`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return union(schema.enum.map((value) => JSON.stringify(value)));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return union(alternatives.map((s) => wrap(typeOf(s, pad))));
  if (schema.allOf) return schema.allOf.map((s) => wrap(typeOf(s, pad))).join(" & ");
  if (Array.isArray(schema.type)) return union(schema.type.map((type) => baseType({ ...schema, type }, pad)));
  switch (schema.type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      if (schema.prefixItems) return `[${schema.prefixItems.map((s) => typeOf(s, pad)).join(", ")}]`;
      return `${wrap(typeOf(schema.items, pad))}[]`;
    case "object":
      return objectType(schema, pad);
    default:
      return schema.properties ? objectType(schema, pad) : "unknown";
  }
}

function wrap(type: string): string {
  return / [|&] /.test(type) && !type.startsWith("{") ? `(${type})` : type;
}

function jsonOf(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  return content?.["application/json"]?.schema;
}

function operationType(operation: Operation, pad: string): string {
  const lines: string[] = [];
  const inner = `${pad}  `;
  for (const place of ["path", "query"]) {
    const parameters = (operation.parameters ?? []).filter((p) => p.in === place);
    if (parameters.length === 0) continue;
    const fields = parameters.map(
      (p) =>
        `${inner}  ${key(p.name)}${p.required ? "" : "?"}: ${indent(typeOf(p.schema, ""), `${inner}  `)};`,
    );
    lines.push(`${inner}${place}: {\n${fields.join("\n")}\n${inner}};`);
  }
  const body = jsonOf(operation.requestBody?.content);
  if (body)
    lines.push(
      `${inner}body${operation.requestBody?.required ? "" : "?"}: ${indent(typeOf(body, ""), inner)};`,
    );
  const responses = Object.entries(operation.responses ?? {})
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([status, response]) => {
      const schema = jsonOf(response.content);
      return `${inner}  ${status}: ${schema ? indent(typeOf(schema, ""), `${inner}  `) : "unknown"};`;
    });
  // a route whose only success is a file download has no JSON response
  const responseType = responses.length ? `{\n${responses.join("\n")}\n${inner}}` : "Record<never, never>";
  lines.push(`${inner}responses: ${responseType};`);
  return `{\n${lines.join("\n")}\n${pad}}`;
}

export function render(document: Document): string {
  const out = [
    "// Generated by `npm run api-types` (scripts/api-types.ts) from the server's OpenAPI document",
    "// (/api/openapi.json). Do not edit: change the route schemas and regenerate.",
    "",
    "export interface paths {",
  ];
  for (const url of Object.keys(document.paths).sort()) {
    const item = document.paths[url] ?? {};
    const present = methods.filter((m) => item[m]);
    if (present.length === 0) continue;
    out.push(`  ${JSON.stringify(url)}: {`);
    for (const method of present)
      out.push(`    ${method}: ${operationType(item[method] as Operation, "    ")};`);
    out.push("  };");
  }
  out.push("}", "");
  // zod's schemas are written inline today; named ones (zod's registry) would land here
  const schemas = document.components?.schemas ?? {};
  if (Object.keys(schemas).length > 0) {
    out.push("export interface components {", "  schemas: {");
    for (const name of Object.keys(schemas).sort())
      out.push(`    ${key(name)}: ${indent(typeOf(schemas[name], ""), "    ")};`);
    out.push("  };", "}", "");
  }
  return out.join("\n");
}

async function openApiDocument(): Promise<Document> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-api-types-"));
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", RATE_LIMIT: "off", DATA_DIR: dataDir });
  const database = await openPglite({
    dataDir: path.join(dataDir, "db"),
    template: await ensurePgliteTemplate(),
  });
  try {
    const app = await buildApp({ config, database, serveWeb: false });
    await app.ready();
    const document = app.swagger() as unknown as Document;
    await app.close();
    return document;
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The text as Biome formats it (so `biome check .` passes on the committed file). */
function formatted(text: string): string {
  const biome = path.join(root, "node_modules", ".bin", "biome");
  return execFileSync(biome, ["format", `--stdin-file-path=${path.relative(root, target)}`], {
    cwd: root,
    input: text,
    encoding: "utf8",
  });
}

const text = formatted(render(await openApiDocument()));
if (process.argv.includes("--check")) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (committed !== text) {
    console.error(
      `${path.relative(root, target)} is not the API's current types: run \`npm run api-types\` and commit it.`,
    );
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, text);
  console.log(`wrote ${path.relative(root, target)}`);
}
