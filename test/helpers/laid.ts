/** Reading the print layout's laid pages in tests. */

/** The text of a laid line: its fragments' characters, a space between fragments. */
export const lineText = (l: { fragments: { run: { codePoints: number[][] } }[] }): string =>
  l.fragments.map((f) => String.fromCodePoint(...f.run.codePoints.flat())).join(' ');
