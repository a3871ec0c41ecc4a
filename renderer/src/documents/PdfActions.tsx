// DOM. 保存 PDF and 打印 for a rendered document.
import { useState, type RefObject } from 'react';
import { App, Button, Space, Tooltip } from 'antd';
import { PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { pdfFileName } from '../../../shared/documents/fileName';
import type { PdfBytes } from '../../../shared/documents/render';
import { host } from '../host';
import { errorText } from '../ui/errors';
import { printPages } from './print';

export interface PdfActionsProps {
  bytes: PdfBytes | undefined;
  fileName: string;
  /** The preview whose pages are printed, and how many it has. */
  previewRef: RefObject<HTMLDivElement | null>;
  pageCount: number;
}

export function PdfActions({ bytes, fileName, previewRef, pageCount }: PdfActionsProps) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (!bytes) return;
    setSaving(true);
    try {
      const result = await host.saveFile({
        suggestedName: pdfFileName(fileName),
        bytes,
        filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      });
      if (result.status === 'saved') message.success(`已保存：${result.location}`);
      else message.info('已取消保存');
    } catch (error) {
      message.error(`保存失败：${errorText(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const print = async () => {
    const outcome = await printPages(previewRef.current, pageCount);
    if (outcome === 'notReady') message.warning('预览尚未全部显示，请稍候再打印');
    if (outcome === 'unsupported') message.error('当前环境无法直接打印，请保存 PDF 后用 PDF 阅读器打印');
  };

  return (
    <Space>
      <Button type="primary" icon={<SaveOutlined />} disabled={!bytes} loading={saving} onClick={() => void save()}>
        保存 PDF
      </Button>
      <Tooltip title="打印的是预览图像（约 200 dpi）；正式文书请保存 PDF 后用 PDF 阅读器打印，效果最佳">
        <Button icon={<PrinterOutlined />} disabled={!bytes || pageCount === 0} onClick={() => void print()}>
          打印
        </Button>
      </Tooltip>
    </Space>
  );
}
