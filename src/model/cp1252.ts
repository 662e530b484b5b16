/** Windows-1252's characters for the bytes 0x80–0x9F; the five bytes it leaves undefined read as C1 controls. */
export const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
