-- Sort orders on notices and official figures (issue 14): like 0011, each `sort=` key has an
-- index ending in the row's id, so every order is keyset-paged through its index and a page
-- stops at its limit. Notices by publication already have notices_published (published_at,
-- id); official figures by year have official_figures_year (year, id).
-- Notices whose objection period ends soonest (`sort=closes`).
CREATE INDEX notices_closes ON notices (closes_at, id);
-- Official figures by value (`sort=-value`, meaningful with a metric filter).
CREATE INDEX official_figures_value ON official_figures (value, id);
