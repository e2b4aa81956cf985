-- Sort orders (issue 14): every `sort=` key of a list has an index ending in the row's id,
-- so each order is keyset-paged through its index and a page stops at its limit.
-- Years sort with "none" as 0 (first ascending, last descending): a NULL cannot take part
-- in the (value, id) row comparison the cursor uses.
CREATE INDEX village_status_exit_sort ON village_status (coalesce(exit_year, 0), village_code);
CREATE INDEX village_status_designated_sort ON village_status (coalesce(designated_year, 0), village_code);
-- Villages by name: pinyin order through the English name (a binary sort of Chinese text
-- follows code points, which no reader expects). Led by level, so that `level = 'village'
-- ORDER BY name_en, code` walks it instead of sorting every village found by regions_level.
CREATE INDEX regions_level_name ON regions (level, name_en, code);
CREATE INDEX donations_amount ON donations (amount_fen, id);
CREATE INDEX fund_projects_name ON fund_projects (name_en, id);
