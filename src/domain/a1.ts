/** A1 column letters: the one conversion between a column number and its letters (1 ↔ A, 28 ↔ AB). */

/** A column number as letters (1 → A, 28 → AB). */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Letters as a column number (A → 1, AB → 28). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    n = n * 26 + (c >= 97 ? c - 96 : c - 64);
  }
  return n;
}
