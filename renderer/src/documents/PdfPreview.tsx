// DOM. The pages of a PDF drawn by pdf.js (react-pdf), one under the other.
import { useMemo, useState, type Ref } from 'react';
import { Document, Page, pdfjs } from 'react-pdf';
import { Spin } from 'antd';
import './pdf.css';

// The worker is the pdfjs-dist build that react-pdf depends on, bundled by Vite into the
// app's assets and started from the app's own origin (CSP worker-src 'self'), so the
// preview works offline. react-pdf asks for this to be set in the module that renders.
pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).toString();

/** Screen width of a page; at twice the pixel density the canvases also serve for printing. */
const PAGE_WIDTH = 760;
const PRINT_PIXEL_RATIO = 2;

export interface PdfPreviewProps {
  bytes: Uint8Array;
  /** The element holding the page canvases, for printing them. */
  ref?: Ref<HTMLDivElement>;
  /** Called with the number of pages once the file is read. */
  onPages?: (count: number) => void;
}

export function PdfPreview({ bytes, ref, onPages }: PdfPreviewProps) {
  const [pages, setPages] = useState(0);
  // pdf.js hands the buffer to its worker, which detaches it: give it a copy, keep ours for saving.
  const file = useMemo(() => ({ data: bytes.slice() }), [bytes]);
  const pixelRatio = Math.max(window.devicePixelRatio, PRINT_PIXEL_RATIO);
  return (
    <div className="pdf-preview" ref={ref}>
      <Document
        file={file}
        suspense={false}
        loading={<Spin description="正在载入预览…" />}
        error="无法显示预览：PDF 文件无法读取"
        onLoadSuccess={({ numPages }) => {
          setPages(numPages);
          onPages?.(numPages);
        }}
      >
        {Array.from({ length: pages }, (_, i) => (
          <Page
            key={i}
            pageNumber={i + 1}
            width={PAGE_WIDTH}
            devicePixelRatio={pixelRatio}
            renderTextLayer={false}
            renderAnnotationLayer={false}
            suspense={false}
            loading={<div className="pdf-page-placeholder" />}
            className="pdf-page"
          />
        ))}
      </Document>
    </div>
  );
}
