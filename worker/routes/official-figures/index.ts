import { createRouter } from "../../lib/router";
import { listOfficialFiguresHandler } from "./official-figures.handlers";
import { listOfficialFiguresRoute } from "./official-figures.routes";

export const officialFiguresRouter = createRouter().openapi(listOfficialFiguresRoute, listOfficialFiguresHandler);
