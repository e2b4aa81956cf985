/**
 * Invites a staff account in the e2e database and prints its invitation link: the same write
 * as an administrator's invitation from the console (worker/auth/staff.ts), for a browser
 * journey that needs a second account without repeating journey 1's administrator (the
 * first administrator can be created once per database).
 *   GONGKAI_PERSIST_TO=.wrangler/e2e tsx tests/e2e/invite-staff.ts <name> <role> <region> <origin>
 */
import { auditEntry } from "../../worker/admin";
import { invitationPath, inviteStaff } from "../../worker/auth/staff";
import type { Role } from "../../worker/domain/roles";
import { systemActor } from "../../worker/writes/plan";
import { withLocalDb } from "../../scripts/local-db";

const [name, role, region, origin] = process.argv.slice(2);
await withLocalDb(async (db) => {
  const now = new Date();
  const plan = await inviteStaff({ actor: systemActor("e2e"), now, db }, { name: name!, role: role as Role, region: region! });
  await db.batch([...(plan.statements as [never]), auditEntry(db, "e2e", plan.audit!, now)]);
  console.log(`${origin}${invitationPath(plan.body.token)}`);
});
