// DOM. A wide dialog that renders a document, previews it and offers 保存 PDF and 打印.
// The plan screen opens it for 打印预案 and 打印任务卡; later documents reuse it.
import { lazy, Suspense, useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Spin } from 'antd';
import type { PdfBytes } from '../../../shared/documents/render';
import { PdfActions } from './PdfActions';
import { usePdf } from './usePdf';

// pdf.js is over a megabyte: loaded the first time a preview is shown, not at start-up.
const PdfPreview = lazy(() => import('./PdfPreview').then((m) => ({ default: m.PdfPreview })));

const waiting = (text: string) => (
  <div style={{ padding: '80px 0', textAlign: 'center' }}>
    <Spin size="large" description={text} />
  </div>
);

export interface PdfDocumentModalProps {
  /** Dialog title, e.g. 强制执行预案（第2版）. */
  title: string;
  /** Suggested file name when saving; .pdf is added if missing. */
  fileName: string;
  /** Produces the PDF; called each time the dialog opens (and on 重试). */
  render: () => Promise<PdfBytes>;
  open: boolean;
  onClose: () => void;
}

export function PdfDocumentModal({ title, fileName, render, open, onClose }: PdfDocumentModalProps) {
  const pdf = usePdf(render, open);
  const previewRef = useRef<HTMLDivElement>(null);
  const [pageCount, setPageCount] = useState(0);
  const bytes = pdf.status === 'ready' ? pdf.bytes : undefined;

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      width={880}
      destroyOnHidden
      afterOpenChange={(visible) => !visible && setPageCount(0)}
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <PdfActions bytes={bytes} fileName={fileName} previewRef={previewRef} pageCount={pageCount} />
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      {pdf.status === 'rendering' || pdf.status === 'idle' ? waiting('正在生成 PDF…') : null}
      {pdf.status === 'error' ? (
        <Alert
          type="error"
          showIcon
          title="无法生成 PDF"
          description={pdf.message}
          action={<Button onClick={pdf.retry}>重试</Button>}
        />
      ) : null}
      {bytes ? (
        <Suspense fallback={waiting('正在载入预览…')}>
          <PdfPreview ref={previewRef} bytes={bytes} onPages={setPageCount} />
        </Suspense>
      ) : null}
    </Modal>
  );
}
