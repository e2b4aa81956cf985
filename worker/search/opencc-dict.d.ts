/** opencc-js ships its dictionaries as ES modules without type declarations. */
declare module "opencc-js/dict/TSCharacters" {
  /** "trad simp|trad simp|…" */
  const dict: string;
  export default dict;
}
