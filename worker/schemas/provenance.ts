/**
 * Every row of every public dataset says what it is (issue 13, "honest labels"): an
 * official figure as announced (with its source), a register-derived figure (with its
 * disclosure treatment), an administrative record or reference data — and whether it is
 * synthetic demo data. In CSV: `provenance_kind`, `provenance_demo`, `provenance_basis`.
 */
import { z } from "@hono/zod-openapi";

export const PROVENANCE_KINDS = ["official", "register-derived", "administrative", "reference"] as const;
export type ProvenanceKind = (typeof PROVENANCE_KINDS)[number];

export const ProvenanceSchema = z
  .object({
    kind: z.enum(PROVENANCE_KINDS).openapi({
      description:
        "official: a figure as an authority announced it (see basis for the source); register-derived: computed from household records under the disclosure rules; administrative: a record kept by the portal's administrators; reference: a code list",
    }),
    demo: z.boolean().openapi({ description: "true: synthetic demo data, not a real record or figure (a total is true when any row it counts is demo)" }),
    basis: z.string().openapi({ description: "In words: the source of an official figure, the disclosure treatment of a register-derived one, or that the row is demo data" }),
  })
  .openapi("Provenance", { description: "What the row is and where it comes from" });
export type Provenance = z.infer<typeof ProvenanceSchema>;

const DEMO_TEXT = "Synthetic demo data generated for this portal, not a real record";

export const REGISTER_TREATMENT =
  "Computed from the household register under disclosure control: 0 exact, 1–7 shown as the band 1-7, 8 and more rounded to the nearest 5, withheld where subtraction could narrow a hidden count";

const KIND_BASIS: Record<ProvenanceKind, string> = {
  official: "As announced by an authority",
  "register-derived": REGISTER_TREATMENT,
  administrative: "Administrative record published by the responsible office",
  reference: "Statistical division code list",
};

/**
 * The eight provenances without a row-specific basis, made once: lists and exports label
 * every row (half a million in a village export), and building the same object and demo
 * text again for each showed in the export's profile. Frozen, since every row shares one.
 */
const SHARED = Object.fromEntries(
  PROVENANCE_KINDS.map((kind) => [kind, [Object.freeze(labelled(kind, false, KIND_BASIS[kind])), Object.freeze(labelled(kind, true, KIND_BASIS[kind]))] as const]),
) as Record<ProvenanceKind, readonly [Provenance, Provenance]>;

function labelled(kind: ProvenanceKind, demo: boolean, stated: string): Provenance {
  // Demo first: it is what a reader must not miss.
  return { kind, demo, basis: demo ? `${DEMO_TEXT}. ${stated}` : stated };
}

/** The provenance of a row. `basis` defaults to a plain statement of the kind. */
export function provenanceOf(kind: ProvenanceKind, demo: boolean, basis?: string): Provenance {
  // Looked up without building a key string: a 100-row page asks a hundred times.
  return basis === undefined ? SHARED[kind][demo ? 1 : 0] : labelled(kind, demo, basis);
}
