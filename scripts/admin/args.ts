/**
 * The command line of `npm run admin -- …`, parsed into a command (pure, tested in
 * tests/node/admin-cli.test.ts).
 */
import { parseArgs } from "node:util";
import { ROLES, type Role } from "../../worker/domain/roles";

export type AdminCommand =
  | { command: "token create"; role: Role; region: string; label: string; remote: boolean }
  | { command: "token list"; remote: boolean }
  | { command: "token revoke"; id: string; remote: boolean }
  | { command: "import households"; file: string; year: number; region?: string; dryRun: boolean; remote: boolean; url?: string; token?: string }
  | { command: "import regions"; file: string }
  | { command: "create-first-admin"; name: string; region: string; url: string; remote: boolean }
  | { command: "help" };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `Usage: npm run admin -- <command>

  token create --role viewer|editor|admin --region <12-digit code> [--label text] [--remote]
        Creates an administrator token and prints it alone on the last line (shown once).
  token list [--remote]
  token revoke <tok_…> [--remote]
  import regions <file.csv>
        Creates or updates regions (division codes) in the local D1 through the region write,
        with its audit row: UTF-8 CSV with the header code,parent_code,level,name_zh,name_en,
        parents before children. Unchanged regions are left as they are.

  import households <file.csv> --year <year> [--region <code>] [--dry-run]
                    [--remote --url https://… --token gk_…]
        Imports a household register file (UTF-8, or GB18030/GBK as Excel saves it).
        Local: into the local D1 (the one npm start serves); --region is the release's
        county, city or province. Remote: through POST /api/v1/admin/imports/households
        (--url or GONGKAI_URL, --token or GONGKAI_TOKEN; the region defaults to the token's).

  create-first-admin --name <name> --region <12-digit code> [--url https://…] [--remote]
        The first console administrator of a fresh deployment: creates the account and
        prints its one-time invitation link (72 h) to open on the person's phone or computer,
        where they register a passkey. Refused once an administrator has a passkey (they
        invite everyone else from the console); run it again if a link lapsed unused. --url is the portal's address
        (default http://localhost:8787, or GONGKAI_URL).

  --remote without --url for token commands runs SQL with \`wrangler d1 execute --remote\`.`;

const REGION = /^\d{12}$/;
const TOKEN_ID = /^tok_[0-9A-Z]{8,32}$/;

export function parseAdminArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): AdminCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      role: { type: "string" },
      region: { type: "string" },
      label: { type: "string" },
      remote: { type: "boolean", default: false },
      year: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      url: { type: "string" },
      token: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
      name: { type: "string" },
    },
  });
  const [noun, verb, arg, ...extra] = positionals;
  if (values.help || noun === undefined || noun === "help") return { command: "help" };
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
  const remote = values.remote ?? false;
  const region = (name = "--region") => {
    if (values.region === undefined) return undefined;
    if (!REGION.test(values.region)) throw new UsageError(`${name} must be a 12-digit region code`);
    return values.region;
  };

  if (noun === "token" && verb === "create") {
    if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
    const code = region();
    if (!code) throw new UsageError("--region is required (the token acts on that region and everything below it)");
    if ((values.label ?? "").length > 200) throw new UsageError("--label is at most 200 characters");
    return { command: "token create", role: values.role as Role, region: code, label: values.label ?? "", remote };
  }
  if (noun === "create-first-admin") {
    if (verb !== undefined) throw new UsageError(`unexpected argument: ${verb}`);
    const name = (values.name ?? "").trim();
    if (name.length < 1 || name.length > 100) throw new UsageError("--name is required (1 to 100 characters): the administrator's name as colleagues know it");
    const code = region();
    if (!code) throw new UsageError("--region is required: the administrator's scope (e.g. the city, 340200000000)");
    const url = (values.url ?? env.GONGKAI_URL ?? "http://localhost:8787").replace(/\/+$/, "");
    if (!/^https?:\/\/[^\s/]+$/.test(url)) throw new UsageError("--url must be the portal's origin, e.g. https://gongkai.example.org");
    return { command: "create-first-admin", name, region: code, url, remote };
  }
  if (noun === "token" && verb === "list") return { command: "token list", remote };
  if (noun === "token" && verb === "revoke") {
    if (!arg || !TOKEN_ID.test(arg)) throw new UsageError("token revoke needs a token id (tok_…), as shown by token list");
    return { command: "token revoke", id: arg, remote };
  }
  if (noun === "import" && verb === "regions") {
    if (!arg) throw new UsageError("import regions needs the CSV file");
    if (remote) throw new UsageError("import regions runs on the local D1 only");
    return { command: "import regions", file: arg };
  }
  if (noun === "import" && verb === "households") {
    if (!arg) throw new UsageError("import households needs the CSV file");
    const year = Number(values.year);
    if (!values.year || !Number.isInteger(year) || year < 1980 || year > 2100) throw new UsageError("--year is required: the register year the file describes (e.g. 2017)");
    const code = region();
    const url = values.url ?? env.GONGKAI_URL;
    const token = values.token ?? env.GONGKAI_TOKEN;
    if (remote) {
      if (!url || !/^https?:\/\/[^\s]+$/.test(url)) throw new UsageError("--remote import needs --url (or GONGKAI_URL), e.g. https://gongkai.example.org");
      if (!token) throw new UsageError("--remote import needs --token (or GONGKAI_TOKEN)");
    } else if (!code) {
      throw new UsageError("a local import needs --region: the county, city or province the file covers");
    }
    return { command: "import households", file: arg, year, region: code, dryRun: values["dry-run"] ?? false, remote, url, token };
  }
  throw new UsageError(`unknown command: ${positionals.join(" ")}`);
}

/** A one-line progress bar: `[########------------]  40%  8,000 / 20,000 rows`. */
export function progressBar(done: number, total: number, width = 30): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${done.toLocaleString("en")} / ${total.toLocaleString("en")} rows`;
}
