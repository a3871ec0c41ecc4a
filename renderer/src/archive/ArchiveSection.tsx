// DOM. 档案 (brief §2 step 15, 一户一档): exports the operation as the verifiable ZIP archive,
// and checks any archive file and lets it be browsed read-only. Nothing here writes to the database.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Space, Table, Typography } from 'antd';
import type { ArchiveManifest, ManifestFile } from '../../../shared/archive/archive';
import { parseBackup } from '../../../shared/archive/backup';
import type { ArchiveVerdict } from '../../../shared/archive/verifyArchive';
import { chinaDate, chinaInstant } from '../../../shared/calendar/chinaTime';
import { MAX_SAVE_BYTES } from '../../../shared/host/contract';
import { chainHeadLine } from '../../../shared/log/head';
import type { LogEntry } from '../../../shared/log/types';
import { operationTitle } from '../../../shared/operation/newOperation';
import { db } from '../data/db';
import { host } from '../host';
import { readWholeFile } from '../host/fileStream';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import type { ArchiveWorkerReply, ArchiveWorkerRequest, LogExcerpt } from './archiveWorker';
import { exportOperationBackup } from './backupRepository';

/** Largest archive the app opens to check: the verifier holds it in memory whole. */
const MAX_VERIFY_BYTES = MAX_SAVE_BYTES;
const MB = 1024 * 1024;
const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} 字节` : bytes < MB ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / MB).toFixed(1)} MB`;

/** Runs one request in a fresh worker; progress replies go to `onProgress`, the last reply resolves. */
function runInWorker(request: ArchiveWorkerRequest, onProgress: (p: Extract<ArchiveWorkerReply, { kind: 'progress' }>) => void) {
  return new Promise<Exclude<ArchiveWorkerReply, { kind: 'progress' | 'failed' }>>((resolve, reject) => {
    const worker = new Worker(new URL('./archiveWorker.ts', import.meta.url), { type: 'module', name: '档案' });
    worker.onmessage = ({ data }: MessageEvent<ArchiveWorkerReply>) => {
      if (data.kind === 'progress') return onProgress(data);
      worker.terminate();
      if (data.kind === 'failed') reject(new Error(data.message));
      else resolve(data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || '档案处理意外中止'));
    };
    // The archive's bytes move to the worker rather than being copied: one copy in memory is enough.
    worker.postMessage(request, request.kind === 'verify' ? [request.zip.buffer] : []);
  });
}

interface ExportProgress {
  filesDone: number;
  files: number;
  bytes: number;
}

export function ArchiveSection({ operation }: { operation: OperationSummary }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ExportCard operation={operation} />
      <VerifyCard />
    </Space>
  );
}

function ExportCard({ operation }: { operation: OperationSummary }) {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ manifest: ArchiveManifest; size: number; location: string } | null>(null);

  const exportArchive = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    setProgress(null);
    try {
      const parsed = parseBackup(await exportOperationBackup(db, operation.id));
      if (!parsed.ok) throw new Error(parsed.errors.join('；'));
      const now = new Date();
      const reply = await runInWorker(
        { kind: 'export', backup: parsed.backup, createdAt: chinaInstant(now), modifiedAt: now.getTime() },
        setProgress,
      );
      if (reply.kind !== 'exported') throw new Error('档案处理返回了意外的结果');
      if (reply.zip.size > MAX_SAVE_BYTES) {
        throw new Error(
          `档案共 ${sizeText(reply.zip.size)}，超过单个文件 ${sizeText(MAX_SAVE_BYTES)} 的保存上限。` +
            '请在命令行用 npm run archive -- <备份文件.json> <输出.zip> 生成（先在行动列表中导出备份）',
        );
      }
      const result = await host.saveFile({
        suggestedName: `${operationTitle(operation.subjects.map((s) => s.name))}-一户一档-${chinaDate(now)}.zip`,
        bytes: new Uint8Array(await reply.zip.arrayBuffer()),
        filters: [{ name: '档案（ZIP）', extensions: ['zip'] }],
      });
      if (result.status === 'saved') setDone({ manifest: reply.manifest, size: reply.zip.size, location: result.location });
    } catch (e) {
      setError(`导出档案失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="导出档案" extra={<Typography.Text type="secondary">已签发文书、执行日志、音视频登记、物品清单、送达记录及 manifest.json</Typography.Text>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button type="primary" loading={busy} onClick={() => void exportArchive()}>
            导出档案
          </Button>
          <Typography.Text type="secondary">文件未加密，含个人信息，请妥善保管。可用 npm run verify -- &lt;档案.zip&gt; 独立核验。</Typography.Text>
        </Space>
        {progress && (
          <div data-testid="archive-progress">
            <Progress percent={Math.round((100 * progress.filesDone) / Math.max(1, progress.files))} size="small" />
            <Typography.Text type="secondary">
              {progress.filesDone} / {progress.files} 个文件，已写入 {sizeText(progress.bytes)}
            </Typography.Text>
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {done && (
          <Alert
            type="success"
            showIcon
            data-testid="archive-exported"
            title={`档案已保存：${done.location}（${sizeText(done.size)}）`}
            description={<ManifestSummary manifest={done.manifest} />}
          />
        )}
      </Space>
    </Card>
  );
}

function ManifestSummary({ manifest }: { manifest: ArchiveManifest }) {
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label="文件">{manifest.files.length + 1} 个（含 manifest.json）</Descriptions.Item>
      <Descriptions.Item label="执行日志">
        {manifest.log.count} 条{manifest.log.head && `，${chainHeadLine(manifest.log.head)}`}
      </Descriptions.Item>
      <Descriptions.Item label="生成时间">{manifest.createdAt}</Descriptions.Item>
    </Descriptions>
  );
}

interface Checked {
  fileName: string;
  verdict: ArchiveVerdict;
  manifest?: ArchiveManifest;
  log?: LogExcerpt;
}

function VerifyCard() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);

  const verify = async () => {
    setError(null);
    try {
      const { files } = await host.openFiles({ filters: [{ name: '档案（ZIP）', extensions: ['zip'] }] });
      const file = files[0];
      if (!file) return;
      setBusy(true);
      setChecked(null);
      const zip = await readWholeFile(host, file, MAX_VERIFY_BYTES);
      const reply = await runInWorker({ kind: 'verify', zip }, () => undefined);
      if (reply.kind !== 'verified') throw new Error('档案处理返回了意外的结果');
      setChecked({ fileName: file.name, verdict: reply.verdict, manifest: reply.manifest, log: reply.log });
    } catch (e) {
      setError(`无法核验档案：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="核验档案" extra={<Typography.Text type="secondary">只读：不写入本机数据</Typography.Text>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button loading={busy} onClick={() => void verify()}>
            核验档案…
          </Button>
          <Typography.Text type="secondary">选择任一档案 ZIP（不超过 {sizeText(MAX_VERIFY_BYTES)}），核对每个文件的 SHA-256 和日志哈希链。</Typography.Text>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        {checked && <Verdict checked={checked} />}
      </Space>
    </Card>
  );
}

function Verdict({ checked }: { checked: Checked }) {
  const { verdict, manifest, log } = checked;
  if (!verdict.ok) {
    return <Alert type="error" showIcon data-testid="archive-verdict" title={`核验未通过：${checked.fileName}`} description={verdict.problem} />;
  }
  const { summary } = verdict;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="success"
        showIcon
        data-testid="archive-verdict"
        title={`核验通过：${checked.fileName}`}
        description={`行动 ${summary.operationId}，生成于 ${summary.createdAt}；${summary.files} 个文件与清单一致；执行日志 ${summary.logCount} 条，哈希链完整${summary.head ? `，${chainHeadLine(summary.head)}` : ''}`}
      />
      {manifest && <ManifestFiles files={manifest.files} />}
      {log && <LogTable log={log} count={summary.logCount} />}
    </Space>
  );
}

function ManifestFiles({ files }: { files: ManifestFile[] }) {
  return (
    <Table<ManifestFile>
      size="small"
      rowKey="name"
      aria-label="档案文件"
      title={() => `文件清单（${files.length} 个，另有 manifest.json）`}
      dataSource={files}
      pagination={files.length > 20 ? { pageSize: 20, size: 'small' } : false}
      columns={[
        { title: '文件', dataIndex: 'name' },
        { title: '大小', dataIndex: 'size', width: 100, align: 'right', render: (size: number) => sizeText(size) },
        { title: 'SHA-256', dataIndex: 'sha256', render: (h: string) => <Typography.Text code copyable={{ text: h }} style={{ fontSize: 11 }}>{h}</Typography.Text> },
      ]}
    />
  );
}

function LogTable({ log, count }: { log: LogExcerpt; count: number }) {
  const rows = [...log.first, ...log.last];
  return (
    <Table<LogEntry>
      size="small"
      rowKey="seq"
      aria-label="执行日志"
      title={() => (log.last.length > 0 ? `执行日志（共 ${count} 条，显示最前 ${log.first.length} 条和最后 ${log.last.length} 条）` : `执行日志（共 ${count} 条）`)}
      dataSource={rows}
      pagination={false}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 60 },
        { title: '发生时间', dataIndex: 'occurredAt', width: 190, render: (t: string) => t.slice(0, 19).replace('T', ' ') },
        { title: '记录人', dataIndex: 'operator', width: 90 },
        { title: '内容', dataIndex: 'text' },
        { title: '哈希', dataIndex: 'hash', width: 110, render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
      ]}
    />
  );
}
