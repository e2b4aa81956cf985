import { createRouter } from "../../lib/router";
import { searchHandler } from "./search.handlers";
import { searchRoute } from "./search.routes";

export const searchRouter = createRouter().openapi(searchRoute, searchHandler);
