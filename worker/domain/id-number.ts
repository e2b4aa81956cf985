/**
 * China's resident identity number (GB 11643-1999): 17 digits and a check character.
 * Used only to recognise one: the import refuses a malformed one (a sign of shifted
 * columns) and the release gate looks for any in public output. Never stored.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export function isWellFormedIdNumber(text: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(text[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11] === text[17]!.toUpperCase();
}

/** Well-formed identity numbers appearing anywhere in a text. */
export function findIdNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g)) {
    if (isWellFormedIdNumber(match[0])) found.push(match[0]);
  }
  return found;
}

/** Completes 17 digits with their check character (tests and demo data plant numbers this way). */
export function withCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return first17 + CHECK[sum % 11]!;
}
