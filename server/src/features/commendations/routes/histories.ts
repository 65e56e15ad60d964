import type { Executor } from "../../../db/client.ts";
import type { Lang } from "../../../lib/errors.ts";
import { AppError } from "../../../lib/errors.ts";
import type { App } from "../../../lib/http.ts";
import type { PageQuery, Total } from "../../../lib/pagination.ts";
import { envelope, pageQuery } from "../../../lib/pagination.ts";
import { routes } from "../../../lib/routes.ts";
import { findPerson } from "../../people/index.ts";
import { findUnit } from "../../units/index.ts";
import { historyListResponse, idParams, unitHistoryQuery } from "../contracts.ts";
import { presentHistory } from "../presenter.ts";
import { type HistoryRow, linkTitles, personHistory, unitHistory } from "../queries.ts";

const tags = ["commendations"];

/** Commendation histories: a person's, and a unit's (as a collective, or everyone of its subtree). */
export function commendationHistoryRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const present = async (
    database: Executor,
    query: PageQuery,
    { rows, ...total }: { rows: HistoryRow[] } & Total,
    lang: Lang,
  ) => {
    const titles = await linkTitles(
      database,
      rows.flatMap((r) => r.recipient.links),
    );
    return envelope(
      query,
      rows.map((r) => presentHistory(r, titles, lang)),
      total,
    );
  };

  route.get("/people/:id/commendations", "own-subtree", {
    tags: [...tags, "people"],
    description:
      "A person's commendations: every issued decision naming them (corrected ones marked, with their correction), newest first.",
    params: idParams,
    querystring: pageQuery,
    response: historyListResponse,
    handler: async (actor, req) => {
      const person = await findPerson(db(), actor, req.params.id);
      if (!person) throw new AppError("NOT_FOUND");
      return present(db(), req.query, await personHistory(db(), req.params.id, req.query), req.lang);
    },
  });

  route.get("/units/:id/commendations", "own-subtree", {
    tags: [...tags, "units"],
    description:
      "A unit's commendations as a collective (`scope=unit`, default), or every recipient counting in its subtree (`scope=subtree`), newest first.",
    params: idParams,
    querystring: unitHistoryQuery,
    response: historyListResponse,
    handler: async (actor, req) => {
      const unit = await findUnit(db(), actor, req.params.id);
      if (!unit) throw new AppError("NOT_FOUND");
      return present(db(), req.query, await unitHistory(db(), unit, req.query.scope, req.query), req.lang);
    },
  });
}
