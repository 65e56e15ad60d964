// The first floor of every benchmark: a bare Fastify route, same machine, same Node.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/bare", async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
console.log(`listening ${(app.server.address() as { port: number }).port}`);
