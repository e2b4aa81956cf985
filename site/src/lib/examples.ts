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

# Pandas types from the dataset's Table Schema (Frictionless): codes stay 12-digit text,
# years and counts are integers, and \`1-7\` / \`withheld\` (register figures) read as missing.
PANDAS = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean", "array": "string"}

def read_dataset(dataset, path, query=""):
    schema = requests.get(f"{BASE}/datasets/{dataset}/schema.json", timeout=30).json()
    fields = schema["fields"]
    dates = [f["name"] for f in fields if f["type"] in ("date", "datetime")]
    return pd.read_csv(
        f"{BASE}{path}?format=csv{query}",
        dtype={f["name"]: PANDAS[f["type"]] for f in fields if f["name"] not in dates},
        parse_dates=dates,
        na_values=schema["missingValues"], keep_default_na=False,
    )

# Every village (CSV without limit streams all rows)
villages = read_dataset("villages", "/villages")
exited = villages[villages["status"] == "exited"]
print(exited.groupby(["county_name_zh", "exit_year"]).size())

# Register-derived figures: integers, with banded (1-7) and withheld cells as <NA>
register = read_dataset("register_statistics", "/statistics/register", "&level=township")
print(register[["region_name_zh", "year", "registered_households", "provenance_demo"]])

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
library(jsonlite)

# R column classes from the dataset's Table Schema (Frictionless): codes stay 12-digit text,
# years and counts are integers, and "1-7" / "withheld" (register figures) read as NA.
read_dataset <- function(dataset, path, query = "") {
  schema <- fromJSON(paste0(base, "/datasets/", dataset, "/schema.json"))
  classes <- c(string = "character", integer = "integer", number = "numeric",
               boolean = "logical", array = "character", date = "Date", datetime = "character")
  read.csv(paste0(base, path, "?format=csv", query), encoding = "UTF-8",
           colClasses = setNames(unname(classes[schema$fields$type]), schema$fields$name),
           na.strings = schema$missingValues)
}

villages <- read_dataset("villages", "/villages")
exited <- subset(villages, status == "exited")
table(exited$county_name_zh, exited$exit_year)

# Official figures for Wuhu as JSON, following the next links
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
