import { z } from 'zod';
import { DocumentContentType, Sha256 } from '../../schema';
import { applied, rejected } from '../tx';
import { consoleOnly, defineMutator, DOCUMENT_CONTROL } from './define';

/** T2: the largest file a document may point at; the server's upload limit is a setting below it. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024 * 1024;

export const createDocument = defineMutator({
  args: z.object({
    id: z.string().min(1).max(128),
    number: z.string().trim().min(1).max(64),
    title: z.string().trim().min(1).max(200),
    revision: z.string().trim().min(1).max(16),
    contentType: DocumentContentType,
    sha256: Sha256,
    bytes: z.number().int().positive().max(MAX_DOCUMENT_BYTES),
    reviewDueAt: z.iso.datetime({ offset: true }).optional(),
  }),
  roles: DOCUMENT_CONTROL,
  describe: (a) => `created document ${a.number} rev ${a.revision}: ${a.title}`,
  // T2: a new revision is a new record, a draft until released; the blob is uploaded before
  // (PUT /api/blobs), so the record names it by sha256 and its size.
  async apply(tx, a, ctx) {
    const refused = consoleOnly(ctx);
    if (refused) return refused;
    if (await tx.get('documents', a.id)) return rejected('duplicate-id', 'this document was already created');
    const same = await tx.byRef('documents', a.number);
    if (same.some((d) => d.revision === a.revision)) {
      return rejected('document-revision-exists', `${a.number} already has a revision ${a.revision}`);
    }
    await tx.put('documents', {
      id: a.id,
      number: a.number,
      title: a.title,
      revision: a.revision,
      status: 'draft',
      contentType: a.contentType,
      sha256: a.sha256,
      bytes: a.bytes,
      reviewDueAt: a.reviewDueAt ?? null,
      releasedAt: null,
      releasedBy: null,
      stationIds: [],
    });
    return applied();
  },
});

export const releaseDocument = defineMutator({
  args: z.object({ documentId: z.string().min(1) }),
  roles: DOCUMENT_CONTROL,
  describe: () => 'released a document revision',
  // T2: one released revision per number; releasing this one supersedes the other in the same mutation.
  async apply(tx, a, ctx) {
    const refused = consoleOnly(ctx);
    if (refused) return refused;
    const doc = await tx.get('documents', a.documentId);
    if (!doc) return rejected('document-not-found', 'no such document');
    if (doc.status !== 'draft') return rejected('document-not-draft', `this revision is ${doc.status} already`);
    for (const other of await tx.byRef('documents', doc.number)) {
      if (other.id !== doc.id && other.status === 'released') await tx.put('documents', { ...other, status: 'superseded' });
    }
    await tx.put('documents', { ...doc, status: 'released', releasedAt: ctx.at, releasedBy: ctx.actor.id });
    return applied();
  },
});
