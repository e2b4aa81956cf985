import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { ContactListQuery, ContactSchema } from "./contacts.schemas";

export const listContactsRoute = createRoute({
  method: "get",
  path: "/contacts",
  tags: ["Contacts"],
  summary: "Who answers for each village (office contacts)",
  description:
    "Per village the first secretary and the resident work team, per township and county the responsible office, with the office phone as published and the date it was last confirmed. `for=<village>` gives everyone who answers for that village (its own, its township's and its county's). The national supervision hotline is 12317 (meta.hotline). Ordered by id.",
  request: { query: ContactListQuery },
  responses: { ...listResponses(ContactSchema, "ContactList"), ...publicErrors },
});
