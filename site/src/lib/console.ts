/**
 * What the Worker's console (worker/console) gives a console page as `Astro.locals.console`:
 * the signed-in staff member, the form tokens, the page's data and a refused form's errors.
 * Console pages read nothing themselves: the Worker has checked the session, role and scope
 * and read the data within that scope before the page renders.
 */
export interface ConsoleStaff {
  id: string;
  name: string;
  role: "viewer" | "editor" | "admin";
  regionCode: string;
}

export interface ConsoleFieldError {
  /** The form field's name ("title_zh", "items"…), or "form" for the whole form. */
  field: string;
  message: string;
}

export interface ConsoleLocals {
  staff: ConsoleStaff | null;
  /** The session's CSRF token, put in every form. */
  csrf: string;
  /** A fresh idempotency key for each form on the page. */
  formKey: string;
  /** A refused form: which one, its errors and what was typed (never a secret). */
  form?: { action: string; errors: ConsoleFieldError[]; values: Record<string, string> };
  /** A one-line message after a redirect ("Notice opened"). */
  flash?: string;
  data: Record<string, unknown>;
}
