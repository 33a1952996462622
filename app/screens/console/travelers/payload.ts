/**
 * DESIGN §9: Floorboard's traveler barcode is `FB1` GS work order GS operation seq GS traveler
 * revision; the cover sheet leaves the seq empty. Printed in Code 128 with real GS characters
 * (bwip-js `parse`: `^029`); the human-readable line uses the printable fallback `FB1|…`.
 */
const GS = '\u001d';

export function travelerPayload(workOrder: string, seq: number | null, revision: string): string {
  return ['FB1', workOrder, seq === null ? '' : String(seq), revision].join(GS);
}

/** The same payload in its printable form, as printed under the bars. */
export const printable = (payload: string): string => payload.replaceAll(GS, '|');

/** The payload as bwip-js text with `parse: true`: GS as `^029`, and a literal caret escaped. */
export const bwipText = (payload: string): string => payload.replaceAll('^', '^094').replaceAll(GS, '^029');
