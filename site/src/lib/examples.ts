/**
 * Worked examples for the open-data page. They use only documented parameters of this API
 * (format, bom, limit, next links, ETag) and the real CSV headers. tests/e2e/open-data.e2e.test.ts
 * runs the curl example as shown against the API and checks the columns the others use.
 */

/** Where the examples point: the deployed site in production builds, else `npm start`'s. */
export function publicBase(): string {
  return (process.env.GONGKAI_PUBLIC_URL ?? "http://localhost:8787").replace(/\/+$/, "");
}

export function curlExample(base: string): string {
  return `BASE=${base}/api/v1

# Village exits in Nanling county as CSV (UTF-8, every row: no limit = whole export)
curl -o nanling-villages.csv "$BASE/villages?county=340223000000&format=csv"

# The same for Excel: bom=1 adds a UTF-8 BOM so Chinese text opens correctly
curl -o nanling-villages-excel.csv "$BASE/villages?county=340223000000&format=csv&bom=1"

# JSON pages of at most 1,000 rows; follow "next" until it is null
curl "$BASE/statistics/official?region=340200000000&limit=100"

# Download again only when the data changed: send back the ETag, get 304 if unchanged
etag=$(curl -s -o /dev/null -D - "$BASE/villages?format=csv" | tr -d '\\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
curl -s -o /dev/null -w '%{http_code}\\n' -H "If-None-Match: $etag" "$BASE/villages?format=csv"`;
}

export function pythonExample(base: string): string {
  return `import pandas as pd
import requests

BASE = "${base}/api/v1"

# Every village (CSV without limit streams all rows). Keep the 12-digit codes as text.
villages = pd.read_csv(
    f"{BASE}/villages?format=csv",
    dtype={"code": str, "township_code": str, "county_code": str},
)
exited = villages[villages["status"] == "exited"]
print(exited.groupby(["county_name_zh", "exit_year"]).size())

# Official figures for Wuhu and every region below it: JSON, following the next links.
rows, url = [], f"{BASE}/statistics/official?region=340200000000&limit=1000"
while url:
    page = requests.get(url, timeout=30).json()
    rows.extend(page["data"])
    url = page["next"]
figures = pd.json_normalize(rows)  # nested fields become "region.name_zh", "source.title_zh", ...
print(figures[["region.name_zh", "year", "metric", "value", "unit", "source.title_zh"]])
# Money is in fen (分): divide by 100 for yuan.`;
}

export function rExample(base: string): string {
  return `base <- "${base}/api/v1"

# Every village as CSV; keep the 12-digit codes as text
villages <- read.csv(paste0(base, "/villages?format=csv"), encoding = "UTF-8",
                     colClasses = c(code = "character", township_code = "character",
                                    county_code = "character"))
exited <- subset(villages, status == "exited")
table(exited$county_name_zh, exited$exit_year)

# Official figures for Wuhu as JSON, following the next links
library(jsonlite)
url <- paste0(base, "/statistics/official?region=340200000000&limit=1000")
pages <- list()
while (!is.null(url)) {
  page <- fromJSON(url, flatten = TRUE)
  pages[[length(pages) + 1]] <- page$data
  url <- page[["next"]]
}
figures <- rbind_pages(pages)
head(figures[, c("region.name_zh", "year", "metric", "value", "unit", "source.title_zh")])`;
}
