// DOM. 档案 (brief §2 step 15, 一户一档): exports the operation as the verifiable ZIP archive,
// and checks any archive file and lets it be browsed read-only. Nothing here writes to the database.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Progress, Space, Table, Typography } from 'antd';
import type { ArchiveManifest, ManifestFile, MediaMatch } from '../../../shared/archive/archive';
import { parseBackup } from '../../../shared/archive/backup';
import type { ArchiveVerdict, VerifiedDocument } from '../../../shared/archive/verifyArchive';
import { chinaDate } from '../../../shared/calendar/chinaTime';
import { ENCRYPTED_EXTENSION, isEncrypted } from '../../../shared/archive/encryption';
import { MAX_SAVE_BYTES, type OpenedFile } from '../../../shared/host/contract';
import { chainHeadLine } from '../../../shared/log/head';
import { entryKey } from '../../../shared/log/order';
import type { LogEntry } from '../../../shared/log/types';
import { operationTitle } from '../../../shared/operation/newOperation';
import { useExportProtection, usePassphrasePrompt } from '../backup/ExportProtection';
import { openProtected, protectExport } from '../backup/protectedFiles';
import { db } from '../data/db';
import { chainHead } from '../log/head';
import { logSystem } from '../log/repository';
import { NOT_SIGNED_IN } from '../operators/repository';
import { useActor } from '../operators/session';
import type { Actor } from '../../../shared/operators/permissions';
import { readWholeFile } from '../host/fileStream';
import { host } from '../host';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import { exportArchive, matchPickedFootage, runInWorker, sizeText, type ExportResult, type ExportStage } from './archiveExport';
import type { LogExcerpt } from './archiveWorker';
import { exportKeepingDamage, exportOperationBackup } from './backupRepository';

export function ArchiveSection({ operation }: { operation: OperationSummary }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ExportCard operation={operation} />
      <BackupCard operation={operation} />
      <VerifyCard />
    </Space>
  );
}

/** Who exported what, in the log: an export of personal data is an act like any other. */
async function logExport(operationId: string, actor: Actor, text: string): Promise<void> {
  const head = await chainHead(db, operationId);
  await logSystem(db, operationId, actor, `${text}（导出时日志至第${head.seq}条）`);
}

/** 导出备份: the operation as one file (encrypted by default) that 导入备份 reads on any machine; also offered by a screen that failed. */
export function BackupCard({ operation }: { operation: OperationSummary }) {
  const { message } = App.useApp();
  const actor = useActor(operation.id);
  const protect = useExportProtection();
  const [busy, setBusy] = useState(false);

  const exportBackup = async () => {
    if (!actor) return void message.error(NOT_SIGNED_IN);
    const protection = await protect.ask('备份');
    if (!protection) return;
    setBusy(true);
    try {
      const { text, problems } = await exportKeepingDamage(db, operation.id);
      const file = await protectExport(
        new TextEncoder().encode(text),
        `${operationTitle(operation.subjects.map((s) => s.name))}-备份-${chinaDate(new Date())}.json`,
        protection,
      );
      const result = await host.saveFile({ suggestedName: file.name, bytes: file.bytes, filters: [{ name: '行动备份', extensions: file.extensions }] });
      if (result.status !== 'saved') return;
      await logExport(operation.id, actor, `导出备份${protection.passphrase ? '（已加密）' : '（未加密）'}：${file.name}`);
      message.success(
        protection.passphrase ? `加密备份已保存：${result.location}` : `备份已保存：${result.location}。文件未加密，含个人信息，请妥善保管。`,
      );
      if (problems.length > 0) message.warning(`备份中有记录不完整，导入前须先修正：${problems.slice(0, 3).join('；')}${problems.length > 3 ? `等 ${problems.length} 处` : ''}`, 10);
    } catch (e) {
      message.error(`导出备份失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="备份本行动" extra={<Typography.Text type="secondary">在行动列表“导入备份”可在任何电脑上恢复</Typography.Text>}>
      {protect.dialog}
      <Space wrap>
        <Button loading={busy} onClick={() => void exportBackup()}>
          导出备份
        </Button>
        <Typography.Text type="secondary">整个行动（含执行日志）写成一个文件，默认用口令加密；导出记入执行日志。</Typography.Text>
      </Space>
    </Card>
  );
}

/** What the footage picked for the archive came to. */
interface FootageOutcome {
  included: string[];
  /** Register records none of the picked files is. */
  missing: string[];
  /** Picked files that are no registered recording. */
  unmatched: string[];
}

function ExportCard({ operation }: { operation: OperationSummary }) {
  const [withMedia, setWithMedia] = useState(false);
  const [stage, setStage] = useState<ExportStage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<(ExportResult & { footage: FootageOutcome | null }) | null>(null);
  const protect = useExportProtection();
  const actor = useActor(operation.id);

  const exportIt = async () => {
    if (!actor) return void setError(NOT_SIGNED_IN);
    const protection = await protect.ask('档案');
    if (!protection) return;
    setBusy(true);
    setError(null);
    setDone(null);
    setStage(null);
    try {
      const parsed = parseBackup(await exportOperationBackup(db, operation.id));
      if (!parsed.ok) throw new Error(parsed.errors.join('；'));
      const { backup } = parsed;
      let footage: FootageOutcome | null = null;
      let matched: MediaMatch<OpenedFile>['matched'] = [];
      if (withMedia) {
        if (backup.media.length === 0) throw new Error('本行动的音像资料登记表中还没有登记，没有可归档的音像文件');
        const { files } = await host.openFiles({ multiple: true });
        if (files.length === 0) return;
        const match = await matchPickedFootage(host, backup, files, setStage);
        const nameOf = (id: string) => String(backup.media.find((m) => m.id === id)?.['originalName'] ?? id);
        matched = match.matched;
        footage = {
          included: match.matched.map((m) => nameOf(m.mediaId)),
          missing: match.missing.map((m) => nameOf(m.id)),
          unmatched: match.unmatchedFiles.map((f) => f.name),
        };
      }
      const now = new Date();
      const result = await exportArchive(
        host,
        backup,
        matched,
        `${operationTitle(operation.subjects.map((s) => s.name))}-一户一档-${chinaDate(now)}.zip`,
        protection.passphrase,
        setStage,
      );
      if (result) {
        await logExport(operation.id, actor, `导出档案${result.encrypted ? '（已加密）' : '（未加密）'}，manifest 记载日志 ${result.manifest.log.count} 条`);
        setDone({ ...result, footage });
      }
    } catch (e) {
      setError(`导出档案失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="导出档案" extra={<Typography.Text type="secondary">档案目录、已签发文书、执行日志、音像资料登记表、物品清单、送达记录及 manifest.json</Typography.Text>}>
      {protect.dialog}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button type="primary" loading={busy} onClick={() => void exportIt()}>
            导出档案
          </Button>
          <Checkbox checked={withMedia} disabled={busy} onChange={(e) => setWithMedia(e.target.checked)}>
            同时归档音像文件
          </Checkbox>
          <Typography.Text type="secondary">
            {withMedia
              ? '导出时选择音像文件（可多选），按大小和 SHA-256 与登记表核对，一致的才归档。'
              : '边生成边写入所选文件，大小不限于内存；可加密。可用 npm run verify -- <档案.zip> 独立核验（加密的先用 age -d 解密）。'}
          </Typography.Text>
        </Space>
        {stage && <StageProgress stage={stage} />}
        {error && <Alert type="error" showIcon title={error} />}
        {done && (
          <Alert
            type={done.footage && done.footage.missing.length > 0 ? 'warning' : 'success'}
            showIcon
            data-testid="archive-exported"
            title={`${done.encrypted ? '加密档案' : '档案'}已保存：${done.location}（${sizeText(done.size)}）`}
            description={<ManifestSummary manifest={done.manifest} footage={done.footage} />}
          />
        )}
      </Space>
    </Card>
  );
}

function StageProgress({ stage }: { stage: ExportStage }) {
  const [percent, text] =
    stage.stage === 'matching'
      ? [(100 * stage.hashed) / Math.max(1, stage.total), `正在核对音像文件 ${stage.file}：${sizeText(stage.hashed)} / ${sizeText(stage.total)}`]
      : stage.stage === 'index'
        ? [0, '正在生成档案目录…']
        : [(100 * stage.entry) / Math.max(1, stage.entries), `${stage.entry} / ${stage.entries} 个文件，已写入 ${sizeText(stage.bytes)}`];
  return (
    <div data-testid="archive-progress">
      <Progress percent={Math.round(percent)} size="small" />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </div>
  );
}

function ManifestSummary({ manifest, footage }: { manifest: ArchiveManifest; footage: FootageOutcome | null }) {
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label="文件">{manifest.files.length + 1} 个（含档案目录和 manifest.json）</Descriptions.Item>
      <Descriptions.Item label="执行日志">
        {manifest.log.count} 条{manifest.log.head && `，${chainHeadLine(manifest.log.head)}`}
      </Descriptions.Item>
      {(manifest.documents ?? []).length > 0 && (
        <Descriptions.Item label="文书">
          <DocumentHeads documents={manifest.documents ?? []} />
        </Descriptions.Item>
      )}
      {footage && (
        <Descriptions.Item label="音像文件">
          <span data-testid="archive-footage">
            {footage.included.length > 0 ? `已归档 ${footage.included.length} 个：${footage.included.join('、')}` : '未归档任何音像文件'}
            {footage.missing.length > 0 && `；以下登记未找到对应文件，档案中不含其文件：${footage.missing.join('、')}`}
            {footage.unmatched.length > 0 && `；以下文件与登记表不符，未归档：${footage.unmatched.join('、')}`}
          </span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label="生成时间">{manifest.createdAt}</Descriptions.Item>
    </Descriptions>
  );
}

/** Each issued document with the log head its PDF prints. */
function DocumentHeads({ documents }: { documents: readonly VerifiedDocument[] }) {
  return (
    <Space direction="vertical" size={0}>
      {documents.map((d) => (
        <span key={d.file}>
          《{d.title}》{d.number} 第 {d.version} 版{d.chainHead ? `，所印日志链头：第 ${d.chainHead.seq} 条` : ''}
        </span>
      ))}
    </Space>
  );
}

/**
 * How the worker reads the picked archive: straight through the host, or, for an encrypted
 * one, from its decrypted bytes (which must fit in memory; larger ones are decrypted with
 * age first). Null when the user cancels the passphrase.
 */
async function archiveSource(
  file: OpenedFile,
  askPassphrase: (what: string, problem?: string) => Promise<string | null>,
): Promise<{ size: number; read: (offset: number, length: number) => Promise<Uint8Array> } | null> {
  const start = await host.readFile({ token: file.token, offset: 0, length: Math.max(1, Math.min(64, file.size)) });
  if (!isEncrypted(start)) return { size: file.size, read: (offset, length) => host.readFile({ token: file.token, offset, length }) };
  if (file.size > MAX_SAVE_BYTES) {
    throw new Error(`加密档案 ${sizeText(file.size)}，超过程序内解密上限 ${sizeText(MAX_SAVE_BYTES)}：请先用 age -d 解密，再核验解密后的 ZIP`);
  }
  const bytes = await openProtected(await readWholeFile(host, file, MAX_SAVE_BYTES), '档案', askPassphrase);
  return bytes && { size: bytes.length, read: async (offset, length) => bytes.slice(offset, offset + length) };
}

interface Checked {
  fileName: string;
  verdict: ArchiveVerdict;
  manifest?: ArchiveManifest;
  log?: LogExcerpt;
}

function VerifyCard() {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Each chain's signed head vouches for the entries below it; checking every signature is slower.
  const [allSignatures, setAllSignatures] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const passphrase = usePassphrasePrompt();

  const verify = async () => {
    setError(null);
    try {
      const { files } = await host.openFiles({ filters: [{ name: '档案（ZIP 或加密的 age）', extensions: ['zip', ENCRYPTED_EXTENSION] }] });
      const file = files[0];
      if (!file) return;
      setBusy(true);
      setChecked(null);
      setProgress(null);
      const source = await archiveSource(file, passphrase.askPassphrase).catch(async (e: unknown) => {
        await host.closeFile({ token: file.token }).catch(() => undefined);
        throw e;
      });
      if (!source) return;
      // The worker reads the archive piece by piece: through the host, any size, flat memory.
      const reply = await runInWorker(
        { kind: 'verify', size: source.size, signatures: allSignatures ? 'all' : 'heads' },
        { onRead: (_source, offset, length) => source.read(offset, length), onChecking: (done, total) => setProgress({ done, total }) },
      ).finally(() => host.closeFile({ token: file.token }).catch(() => undefined));
      if (reply.kind !== 'verified') throw new Error('档案处理返回了意外的结果');
      setChecked({ fileName: file.name, verdict: reply.verdict, manifest: reply.manifest, log: reply.log });
    } catch (e) {
      setError(`无法核验档案：${errorText(e)}`);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <Card size="small" title="核验档案" extra={<Typography.Text type="secondary">只读：不写入本机数据</Typography.Text>}>
      {passphrase.dialog}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button loading={busy} onClick={() => void verify()}>
            核验档案…
          </Button>
          <Checkbox checked={allSignatures} onChange={(e) => setAllSignatures(e.target.checked)} data-testid="verify-all-signatures">
            逐条核验各工作站签名（较慢）
          </Checkbox>
          <Typography.Text type="secondary">选择任一档案 ZIP，核对每个文件的 SHA-256、日志哈希链、文书所印链头和音像文件。</Typography.Text>
        </Space>
        {progress && (
          <div data-testid="verify-progress">
            <Progress percent={Math.round((100 * progress.done) / Math.max(1, progress.total))} size="small" />
            <Typography.Text type="secondary">
              已核对 {sizeText(progress.done)} / {sizeText(progress.total)}
            </Typography.Text>
          </div>
        )}
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
        description={
          <Space direction="vertical" size={0}>
            <span>{`行动 ${summary.operationId}，生成于 ${summary.createdAt}；${summary.files} 个文件与清单一致；执行日志 ${summary.logCount} 条，哈希链完整${summary.head ? `，${chainHeadLine(summary.head)}` : ''}`}</span>
            {summary.mediaFiles > 0 && <span>{`音像文件 ${summary.mediaFiles} 个，均与音像资料登记表一致`}</span>}
            {summary.documents.length > 0 && <span>文书所印日志链头均与归档日志一致：</span>}
            <DocumentHeads documents={summary.documents} />
          </Space>
        }
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
      rowKey={entryKey}
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
