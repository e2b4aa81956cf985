/**
 * Administrator command line: tokens and household register imports.
 *   npm run admin -- token create --role editor --region 340223000000 [--remote]
 *   npm run admin -- token list | token revoke tok_…
 *   npm run admin -- import households file.csv --year 2017 --region 340200000000 [--dry-run]
 *   npm run admin -- import households file.csv --year 2017 --remote --url https://… --token gk_…
 *   npm run admin -- create-first-admin --name 李明 --region 340200000000 [--url https://…] [--remote]
 * Local mode works on the local D1 (the one `npm start` serves) through the same functions
 * as the API; remote mode goes through the deployed API, or `wrangler d1 execute --remote`
 * for tokens (creating the first token cannot go through the API).
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { auditEntry, createToken, listTokens, revokeToken } from "../worker/admin";
import { getRegion } from "../worker/db/queries/regions";
import { decodeRegisterFile } from "../worker/domain/register-import/csv-records";
import { base32 } from "../worker/domain/secure-random";
import { ApiError } from "../worker/lib/errors";
import { importHouseholds } from "../worker/writes/register-imports";
import { parseAdminArgs, progressBar, USAGE, UsageError, type AdminCommand } from "./admin/args";
import { withLocalDb } from "./local-db";
import { and, eq, isNull } from "drizzle-orm";
import { staff, staffPasskeys } from "../worker/auth/schema";
import { INVITATION_HOURS, invitationPath, inviteStaff } from "../worker/auth/staff";
import { systemActor, WriteRefusal } from "../worker/writes/plan";
import { loadRegions, MAX_REGIONS_PER_WRITE } from "../worker/writes/regions";
import { atomically } from "../worker/db/batch";
import { byLine, readRegionFile, ReferenceFileError } from "../worker/writes/reference-files";

const LOCAL_ACTOR = "cli:local";

async function main(): Promise<number> {
  let command: AdminCommand;
  try {
    command = parseAdminArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  switch (command.command) {
    case "help":
      console.log(USAGE);
      return 0;
    case "token create":
      return command.remote ? remoteTokenCreate(command) : localTokenCreate(command);
    case "token list":
      return command.remote ? remoteSql("SELECT id, role, region_code, label, created_at, revoked_at FROM admin_tokens ORDER BY created_at") : localTokenList();
    case "token revoke":
      return command.remote
        ? remoteSql(`UPDATE admin_tokens SET revoked_at = '${new Date().toISOString()}' WHERE id = '${command.id}' AND revoked_at IS NULL`)
        : localTokenRevoke(command.id);
    case "import regions":
      return localRegionsImport(command);
    case "import households":
      return command.remote ? remoteImport(command) : localImport(command);
    case "create-first-admin":
      return command.remote ? remoteFirstAdmin(command) : localFirstAdmin(command);
  }
}

async function localTokenCreate(command: Extract<AdminCommand, { command: "token create" }>): Promise<number> {
  return withLocalDb(async (db) => {
    if (!(await getRegion(db, command.region))) {
      console.error(`No region ${command.region} in the local database (run npm start once to load it).`);
      return 1;
    }
    const { id, token } = await createToken(db, { role: command.role, regionCode: command.region, label: command.label });
    await db.batch([auditEntry(db, LOCAL_ACTOR, { action: "token.create", targetType: "admin_token", targetId: id, regionCode: command.region, summary: `Created ${command.role} token ${id} for ${command.region} from the command line` })]);
    printToken(id, command.role, command.region, token);
    return 0;
  });
}

function printToken(id: string, role: string, region: string, token: string) {
  console.log(`Created token ${id} (${role}, region ${region} and below).`);
  console.log("It is shown only now; store it in a password manager. The token:");
  console.log(token);
}

/** The first token of a deployment: made here, stored as its SHA-256 with wrangler d1 execute --remote. */
async function remoteTokenCreate(command: Extract<AdminCommand, { command: "token create" }>): Promise<number> {
  const token = `gk_${randomBytes(32).toString("base64url")}`;
  const id = `tok_${base32(randomBytes(8))}`;
  const hash = createHash("sha256").update(token).digest("hex");
  const now = new Date().toISOString();
  // Every value is validated (role list, 12 digits, hex, our own id) or escaped (label), so inlining is safe.
  const label = command.label.replaceAll("'", "''");
  const status = runWrangler([
    "d1", "execute", "DB", "--remote", "--command",
    `INSERT INTO admin_tokens (id, token_hash, role, region_code, label, created_at) VALUES ('${id}', '${hash}', '${command.role}', '${command.region}', '${label}', '${now}');` +
      ` INSERT INTO audit_log (actor, action, target_type, target_id, region_code, summary, created_at) VALUES ('cli:remote', 'token.create', 'admin_token', '${id}', '${command.region}', 'Created ${command.role} token ${id} for ${command.region} from the command line', '${now}');`,
  ]);
  if (status !== 0) return status;
  printToken(id, command.role, command.region, token);
  return 0;
}

type FirstAdmin = Extract<AdminCommand, { command: "create-first-admin" }>;

function printInvitation(command: FirstAdmin, staffId: string, token: string) {
  console.log(`Created administrator ${staffId} (${command.name}, region ${command.region} and below).`);
  console.log(`Open this link within ${INVITATION_HOURS} hours, on the phone or computer that will hold the passkey. It works once:`);
  console.log(`${command.url}${invitationPath(token)}`);
}

/** The first console administrator, in the local D1: the same write as an invitation from the console. */
async function localFirstAdmin(command: FirstAdmin): Promise<number> {
  return withLocalDb(async (db) => {
    // An administrator who has registered a passkey can invite; one whose link lapsed unused cannot.
    const existing = await db
      .select({ id: staff.id })
      .from(staff)
      .innerJoin(staffPasskeys, and(eq(staffPasskeys.staffId, staff.id), isNull(staffPasskeys.revokedAt)))
      .where(and(eq(staff.role, "admin"), isNull(staff.revokedAt)))
      .limit(1);
    if (existing[0]) {
      console.error(`An administrator already exists (${existing[0].id}); invite staff from the console (/admin/staff/).`);
      return 1;
    }
    if (!(await getRegion(db, command.region))) {
      console.error(`No region ${command.region} in the local database (run npm start once to load it).`);
      return 1;
    }
    const now = new Date();
    const plan = await inviteStaff({ actor: systemActor(LOCAL_ACTOR), now, db }, { name: command.name, role: "admin", region: command.region });
    await db.batch([...(plan.statements as [never]), auditEntry(db, LOCAL_ACTOR, plan.audit!, now)]);
    printInvitation(command, plan.body.staff.id, plan.body.token);
    return 0;
  });
}

/** The first administrator of a deployed portal: the rows made here, stored with wrangler d1 execute --remote. */
async function remoteFirstAdmin(command: FirstAdmin): Promise<number> {
  const token = `inv_${randomBytes(32).toString("base64url")}`;
  const staffId = `stf_${base32(randomBytes(8)).slice(0, 13)}`;
  const invitationId = `ivt_${base32(randomBytes(8)).slice(0, 13)}`;
  const hash = createHash("sha256").update(token).digest("hex");
  const now = new Date();
  const at = now.toISOString();
  const expires = new Date(now.getTime() + INVITATION_HOURS * 3600_000).toISOString();
  const name = command.name.replaceAll("'", "''");
  // The name is escaped; every other value is validated (12 digits) or made here, so inlining is safe.
  // The INSERT … SELECT … WHERE NOT EXISTS refuses a second first administrator in the database itself.
  const status = runWrangler([
    "d1", "execute", "DB", "--remote", "--command",
    `INSERT INTO staff (id, name, role, region_code, created_at, created_by) SELECT '${staffId}', '${name}', 'admin', '${command.region}', '${at}', 'cli:remote' WHERE NOT EXISTS (SELECT 1 FROM staff s JOIN staff_passkeys p ON p.staff_id = s.id AND p.revoked_at IS NULL WHERE s.role = 'admin' AND s.revoked_at IS NULL);` +
      ` INSERT INTO staff_invitations (id, staff_id, token_hash, created_at, expires_at, created_by) SELECT '${invitationId}', '${staffId}', '${hash}', '${at}', '${expires}', 'cli:remote' WHERE EXISTS (SELECT 1 FROM staff WHERE id = '${staffId}');` +
      ` INSERT INTO audit_log (actor, action, target_type, target_id, region_code, summary, created_at) SELECT 'cli:remote', 'staff.invite', 'staff', '${staffId}', '${command.region}', 'First administrator ${staffId} invited from the command line', '${at}' WHERE EXISTS (SELECT 1 FROM staff WHERE id = '${staffId}');`,
  ]);
  if (status !== 0) return status;
  console.log("If an administrator already existed, nothing was created and the link below does not work; check with: npx wrangler d1 execute DB --remote --command \"SELECT id, name FROM staff WHERE role = 'admin'\"");
  printInvitation(command, staffId, token);
  return 0;
}

function runWrangler(args: string[]): number {
  const result = spawnSync("npx", ["wrangler", ...args], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  return result.status ?? 1;
}

function remoteSql(sql: string): number {
  return runWrangler(["d1", "execute", "DB", "--remote", "--command", sql]);
}

async function localTokenList(): Promise<number> {
  return withLocalDb(async (db) => {
    const tokens = await listTokens(db);
    if (tokens.length === 0) console.log("No tokens yet. Create one with: npm run admin -- token create --role admin --region <code>");
    for (const t of tokens) console.log([t.id, t.role.padEnd(6), t.regionCode, t.createdAt, t.revokedAt ? `revoked ${t.revokedAt}` : "active", t.label].join("  "));
    return 0;
  });
}

async function localTokenRevoke(id: string): Promise<number> {
  return withLocalDb(async (db) => {
    if (!(await revokeToken(db, id))) {
      console.error(`No active token ${id}.`);
      return 1;
    }
    await db.batch([auditEntry(db, LOCAL_ACTOR, { action: "token.revoke", targetType: "admin_token", targetId: id, summary: `Revoked token ${id} from the command line` })]);
    console.log(`Revoked ${id}.`);
    return 0;
  });
}

function readRegisterFile(path: string) {
  const decoded = decodeRegisterFile(new Uint8Array(readFileSync(path)));
  if (decoded.encoding === "gb18030") console.log("The file is not UTF-8; read it as GB18030/GBK (as Excel saves Chinese CSV) and converted it.");
  return decoded;
}

/** A division-code list through the region write (worker/writes/regions.ts), one batch per slice. */
async function localRegionsImport(command: Extract<AdminCommand, { command: "import regions" }>): Promise<number> {
  let file: ReturnType<typeof readRegionFile>;
  try {
    file = readRegionFile(readFileSync(command.file, "utf8"));
  } catch (error) {
    if (error instanceof ReferenceFileError) return reportError("invalid_file", error.message, error.details);
    throw error;
  }
  return withLocalDb(async (db) => {
    const totals = { created: 0, updated: 0, unchanged: 0 };
    for (let start = 0; start < file.regions.length; start += MAX_REGIONS_PER_WRITE) {
      const ctx = { actor: systemActor(LOCAL_ACTOR), now: new Date(), db };
      try {
        const plan = await loadRegions(ctx, file.regions.slice(start, start + MAX_REGIONS_PER_WRITE));
        if (plan.audit) await atomically(db, [...plan.statements, auditEntry(db, LOCAL_ACTOR, plan.audit, ctx.now)]);
        totals.created += plan.body.data.created;
        totals.updated += plan.body.data.updated;
        totals.unchanged += plan.body.data.unchanged;
      } catch (error) {
        if (!(error instanceof WriteRefusal)) throw error;
        // body.regions.<i>.<field> → the file's line and column (as the admin API answers).
        const refusal = byLine(error, file.lines, start);
        return reportError(refusal.code, refusal.message, refusal.details);
      }
    }
    console.log(`Regions: ${totals.created} new, ${totals.updated} changed, ${totals.unchanged} unchanged (${file.regions.length} in the file).`);
    return 0;
  });
}

async function localImport(command: Extract<AdminCommand, { command: "import households" }>): Promise<number> {
  const { text } = readRegisterFile(command.file);
  const region = command.region!;
  return withLocalDb(async (db, _d1, env) => {
    const started = Date.now();
    try {
      const result = await importHouseholds(
        db,
        { text, year: command.year, scopeCode: region, tokenRegion: region, createdBy: LOCAL_ACTOR, pseudonymKey: env.PSEUDONYM_KEY },
        {
          dryRun: command.dryRun,
          onProgress: (done, total) => process.stdout.write(`\r  writing ${progressBar(done, total)}`),
          extraStatements: (summary) => [
            auditEntry(db, LOCAL_ACTOR, {
              action: "register.import",
              targetType: "register_release",
              targetId: summary.release_id,
              regionCode: summary.scope_code,
              summary: `Imported the ${summary.year} household register for ${summary.scope_code} from the command line: ${summary.households} households in ${summary.villages} villages (file sha256 ${summary.file_sha256.slice(0, 12)}…)${summary.replaces_release_id ? `; replaces ${summary.replaces_release_id}` : ""}.`,
            }),
          ],
        },
      );
      if (result.status === "imported") process.stdout.write("\n");
      report(result.status, result.summary, Date.now() - started);
      return 0;
    } catch (error) {
      if (error instanceof ApiError) return reportError(error.code, error.message, error.details);
      throw error;
    }
  });
}

function report(status: string, summary: object, ms: number) {
  const s = summary as { households: number; people: number; villages: number; release_id: string; statistics_rows: number; withheld_figures: number; ignored_columns: string[]; replaces_release_id: string | null };
  const verb = status === "dry_run" ? "Dry run: the file is valid" : status === "unchanged" ? "Unchanged: this file is already the active release" : "Imported";
  console.log(`${verb} — ${s.households.toLocaleString("en")} households, ${s.people.toLocaleString("en")} people in ${s.villages} villages (${(ms / 1000).toFixed(1)} s).`);
  console.log(`  release ${s.release_id}; ${s.statistics_rows.toLocaleString("en")} statistics rows, ${s.withheld_figures.toLocaleString("en")} figures withheld${s.replaces_release_id ? `; replaces ${s.replaces_release_id}` : ""}`);
  if (s.ignored_columns.length > 0) console.log(`  ignored columns (never read): ${s.ignored_columns.join(", ")}`);
}

function reportError(code: string, message: string, details: { path: string; message: string }[]): number {
  console.error(`✖ ${message} (${code})`);
  for (const d of details.slice(0, 50)) console.error(`  ${d.path}: ${d.message}`);
  if (details.length > 50) console.error(`  … and ${details.length - 50} more`);
  return 1;
}

async function remoteImport(command: Extract<AdminCommand, { command: "import households" }>): Promise<number> {
  const { text } = readRegisterFile(command.file);
  const body = new TextEncoder().encode(text);
  const query = new URLSearchParams({ year: String(command.year) });
  if (command.region) query.set("region", command.region);
  if (command.dryRun) query.set("dry_run", "1");
  const url = `${command.url!.replace(/\/+$/, "")}/api/v1/admin/imports/households?${query}`;
  // One key per run. A file re-sent later is recognised by the server itself (status
  // `unchanged`); a key derived from the file would replay a stale answer after the file
  // had been replaced by another one and imported again.
  const key = randomUUID();
  console.log(`Uploading ${(body.byteLength / 1024 / 1024).toFixed(1)} MB to ${new URL(url).origin} …`);
  const started = Date.now();
  const ticker = setInterval(() => process.stdout.write(`\r  waiting for the server ${((Date.now() - started) / 1000).toFixed(0)} s`), 1000);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${command.token}`, "Content-Type": "text/csv; charset=utf-8", "Idempotency-Key": key },
      body,
    });
    clearInterval(ticker);
    process.stdout.write("\r");
    const payload = (await res.json()) as { data?: Record<string, unknown> & { status: string }; error?: { code: string; message: string; details: { path: string; message: string }[] } };
    if (!res.ok || !payload.data) return reportError(payload.error?.code ?? String(res.status), payload.error?.message ?? res.statusText, payload.error?.details ?? []);
    report(payload.data.status, payload.data, Date.now() - started);
    return 0;
  } finally {
    clearInterval(ticker);
  }
}

process.exitCode = await main();
