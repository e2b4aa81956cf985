/**
 * What every console funds screen (components/console/funds/) starts with: its props, the
 * funds and shared console strings, and a refused form's errors and typed values.
 */
import type { Locale } from "../i18n";
import { consoleStrings } from "../i18n/console";
import { consoleFundsStrings } from "../i18n/console-funds";
import type { ConsoleLocals } from "./console";

export interface FundsScreenProps {
  lang: Locale;
  console: ConsoleLocals;
}

export function fundsScreen(props: FundsScreenProps) {
  const c = props.console;
  return { lang: props.lang, c, s: consoleFundsStrings(props.lang), cs: consoleStrings(props.lang), errors: c.form?.errors ?? [], v: c.form?.values ?? {} };
}
