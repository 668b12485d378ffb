/** FNV-1a, 32 bits, over a text's UTF-16 code units: the one stable hash (collector choice, id index, sample draws, run fingerprints). */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a of `text`, continued from `h` (a signed 32-bit number; `>>> 0` for the unsigned one). */
export function fnv1a(text: string, h: number = FNV_OFFSET): number {
  let x = h;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), FNV_PRIME);
  return x;
}
