// Named views into the generated API types (api-types.ts, `npm run api-types`): what a route takes and
// gives, so the features' api.ts files alias them instead of mirroring the server's contracts by hand.
import type { paths } from "./api-types";

type Path = keyof paths;
type MethodOf<P extends Path> = keyof paths[P] & string;
type Operation<P extends Path, M extends MethodOf<P>> = paths[P][M];

/** The JSON body of the route's success response (200 unless told). */
export type ResponseOf<P extends Path, M extends MethodOf<P>, S extends number = 200> =
  Operation<P, M> extends { responses: infer R } ? (S extends keyof R ? R[S] : never) : never;

/** The JSON request body of the route. */
export type BodyOf<P extends Path, M extends MethodOf<P>> =
  Operation<P, M> extends { body?: infer B } ? B : never;

/** The query parameters of the route. */
export type QueryOf<P extends Path, M extends MethodOf<P>> =
  Operation<P, M> extends { query: infer Q } ? Q : never;

/** The items of a paged list route. */
export type ItemOf<P extends Path, M extends MethodOf<P> = MethodOf<P>> =
  ResponseOf<P, M> extends { items: (infer I)[] } ? I : never;
