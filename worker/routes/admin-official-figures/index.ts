import { createRouter } from "../../lib/router";
import { publishOfficialFiguresHandler } from "./admin-official-figures.handlers";
import { publishOfficialFiguresRoute } from "./admin-official-figures.routes";

export const adminOfficialFiguresRouter = createRouter().openapi(publishOfficialFiguresRoute, publishOfficialFiguresHandler);
