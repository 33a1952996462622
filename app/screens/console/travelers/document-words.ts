import type { Document, DocumentContentType } from '../../../../shared/schema';
import { t } from '../../../i18n';

/** A document's kind in words: PDF, PNG image, JPEG photo, Markdown text. */
export function typeWord(type: DocumentContentType): string {
  switch (type) {
    case 'application/pdf':
      return t('travelers.docs.type.pdf');
    case 'image/png':
      return t('travelers.docs.type.png');
    case 'image/jpeg':
      return t('travelers.docs.type.jpeg');
    case 'text/markdown':
      return t('travelers.docs.type.markdown');
  }
}

/** A document revision's status in words. */
export function statusWord(status: Document['status']): string {
  switch (status) {
    case 'draft':
      return t('travelers.docs.status.draft');
    case 'released':
      return t('travelers.docs.status.released');
    case 'superseded':
      return t('travelers.docs.status.superseded');
  }
}
