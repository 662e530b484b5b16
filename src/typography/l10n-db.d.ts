declare module 'typographic-quotes-l10n-db' {
  /** Language code → four characters: primary open, primary close, secondary open, secondary close. */
  const table: Record<string, string>;
  export default table;
}
