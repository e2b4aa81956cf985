/**
 * The console screens of issue 15's processes: needs matched with donors, accountability
 * cases, and who answers for each village. Spread into CONSOLE_ROUTES (../index.ts).
 */
import type { ConsoleRoute } from "../kit";
import { CASES_ROUTES } from "./cases";
import { CONTACTS_ROUTES } from "./contacts";
import { NEEDS_ROUTES } from "./needs";

export const PROCESS_ROUTES: ConsoleRoute[] = [...NEEDS_ROUTES, ...CASES_ROUTES, ...CONTACTS_ROUTES];
