/**
 * Prefixed random ids (`prj_…`, `don_…`): generated in code so a write's response is
 * known before its batch runs, and unguessable so a donation's public receipt id does not
 * reveal how many donations came before it. 80 bits, Crockford base32.
 */
import { base32 } from "../secure-random";
export type IdPrefix = "prj" | "fal" | "dsb" | "don" | "dal" | "ned" | "plg" | "dlv" | "acc" | "pam";

export function newId(prefix: IdPrefix, random: () => Uint8Array = () => crypto.getRandomValues(new Uint8Array(10))): string {
  return `${prefix}_${base32(random()).toLowerCase()}`;
}

export const ID_PATTERN = /^(prj|fal|dsb|don|dal)_[0-9a-hjkmnp-tv-z]{16}$/;
