import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
// Emitted as an asset of the build and precached by the service worker (vite.config.ts), so a PDF
// opens with the server gone. The legacy build: rugged tablets run older Chromium WebViews.
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Opens a PDF from bytes held on the tablet; this module is imported only when a PDF is opened.
 * Nothing is fetched: no CMaps or standard fonts from a CDN (the system's fonts stand in for the
 * 14 standard ones), no eval (the CSP forbids it).
 */
export function openPdf(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  return getDocument({
    // pdf.js hands the buffer to its worker (detaching it): give it a copy, the store keeps ours.
    data: new Uint8Array(bytes.slice(0)),
    cMapUrl: undefined,
    standardFontDataUrl: undefined,
    useWorkerFetch: false,
    useSystemFonts: true,
    isEvalSupported: false,
    enableXfa: false,
  }).promise;
}

export type { PDFDocumentProxy };
