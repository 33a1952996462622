import { createHash } from 'node:crypto';
import type { DocumentContentType } from '../../shared/schema';
import type { BlobStore } from '../blobs/types';
import { drawingPdf } from './pdf';
import { fixturePhotoPng } from './png';
import type { SeedRecord } from './write';

/** A part family as the documents see it: its prefix, words and routing's operation names. */
export interface FamilyInfo {
  prefix: string;
  description: string;
  operations: string[];
}

/** Families whose travelers also carry the fixture photo: the machined parts held in the vise. */
const PHOTO_FAMILIES = new Set(['HM', 'GH', 'VA']);
const PHOTO_ID = 'doc-img-vise-setup';
const RELEASED_AT = '2026-01-12T08:00:00.000Z';

/** T2: the documents every traveler of a family lists (drawing, work instruction, sometimes the photo). */
export function familyDocumentIds(prefix: string): string[] {
  const p = prefix.toLowerCase();
  return [`doc-dwg-${p}`, `doc-wi-${p}`, ...(PHOTO_FAMILIES.has(prefix) ? [PHOTO_ID] : [])];
}

function workInstruction(f: FamilyInfo): string {
  const steps = f.operations.map(
    (op, i) => `${i + 1}. **Op ${(i + 1) * 10}: ${op}.** Check the traveler revision before you start; record good and scrap at the tablet.`,
  );
  return [
    `# WI-${f.prefix}-200 rev A: ${f.description}`,
    '',
    `Work instruction for every operation of the ${f.description.toLowerCase()} family. Drawing: DWG-${f.prefix}-100.`,
    '',
    '## Before you start',
    '',
    '- Safety glasses and hearing protection at every station; gloves except at rotating spindles.',
    '- Confirm the material certificate is attached to the traveler and the heat lot matches the tag.',
    '- First piece of every setup goes to inspection before the batch runs.',
    '',
    '## Steps',
    '',
    ...steps,
    '',
    '## Inspection',
    '',
    '| Feature | Tool | Frequency |',
    '|---|---|---|',
    '| Overall length and width | Caliper | First piece, then 1 in 10 |',
    '| Hole positions | CMM or height gauge | First piece, then 1 in 25 |',
    '| Surface finish | Comparator | Every part, by eye |',
    '',
    '> Stop and call the lead if a dimension is out of tolerance twice in a row.',
    '',
  ].join('\n');
}

interface SeedDocument {
  id: string;
  number: string;
  title: string;
  contentType: DocumentContentType;
  bytes: Uint8Array;
}

let cached: SeedDocument[] | undefined;

/** Every seed document with its bytes, made once per process: they do not depend on the day. */
function seedDocuments(families: FamilyInfo[]): SeedDocument[] {
  if (cached) return cached;
  const docs: SeedDocument[] = [];
  families.forEach((f, i) => {
    const p = f.prefix.toLowerCase();
    docs.push({
      id: `doc-dwg-${p}`,
      number: `DWG-${f.prefix}-100`,
      title: `${f.description}: drawing`,
      contentType: 'application/pdf',
      bytes: drawingPdf({
        number: `DWG-${f.prefix}-100`,
        revision: 'A',
        title: f.description,
        partFamily: f.prefix,
        width: 120 + i * 15,
        height: 70 + (i % 4) * 12,
        holes: 2 + (i % 5),
        material: f.description.split(',')[1]?.trim() || 'See BOM',
      }),
    });
    docs.push({
      id: `doc-wi-${p}`,
      number: `WI-${f.prefix}-200`,
      title: `${f.description}: work instruction`,
      contentType: 'text/markdown',
      bytes: new TextEncoder().encode(workInstruction(f)),
    });
  });
  docs.push({ id: PHOTO_ID, number: 'IMG-FIX-300', title: 'Vise setup for machined blocks', contentType: 'image/png', bytes: fixturePhotoPng() });
  cached = docs;
  return docs;
}

/**
 * T2, T3: the seed's released documents as records, each scoped to the stations of the travelers
 * that list it (none: the console only), and their files put into `blobs` when given. Large plants
 * reuse the same few blobs.
 */
export async function documentRecords(families: FamilyInfo[], travelers: Record<string, unknown>[], blobs?: BlobStore): Promise<SeedRecord[]> {
  const stations = new Map<string, Set<string>>();
  for (const t of travelers) {
    for (const id of t.documentIds as string[]) {
      const set = stations.get(id) ?? new Set<string>();
      for (const s of t.stationIds as string[]) set.add(s);
      stations.set(id, set);
    }
  }
  const records: SeedRecord[] = [];
  for (const d of seedDocuments(families)) {
    const sha256 = blobs ? await blobs.put(d.bytes) : createHash('sha256').update(d.bytes).digest('hex');
    records.push({
      entity: 'documents',
      value: {
        id: d.id,
        number: d.number,
        title: d.title,
        revision: 'A',
        status: 'released',
        contentType: d.contentType,
        sha256,
        bytes: d.bytes.byteLength,
        reviewDueAt: null,
        releasedAt: RELEASED_AT,
        releasedBy: 'system',
        stationIds: [...(stations.get(d.id) ?? [])].sort(),
      },
    });
  }
  return records;
}
