// DOM. The on-site log as a timeline: the corrected view (current text, 已更正, history on
// expanding), filters and search, virtualised rows so 100 000 entries open and scroll, the
// station of each entry, and the verification on opening and on demand (with what the
// stations' record holds back: forks, entries refused on arrival, records repaired).
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableRef } from 'antd/es/table';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Dayjs } from 'dayjs';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import { correctedView, type CorrectedItem } from '../../../shared/log/corrections';
import { entryKey, entryLabel } from '../../../shared/log/order';
import { logCategories, logCategoryLabels, type LogCategory, type LogEntry } from '../../../shared/log/types';
import { clockFlags } from '../../../shared/log/verify';
import type { Actor } from '../../../shared/operators/permissions';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { recordCorrection } from './correction';
import { listLog, verifyLog, type LogStatus } from './repository';
import { StationsNotice } from './StationsNotice';
import { emptyFilter, filterItems, shortTime, type TimelineFilter } from './timeline';

type Checked = LogStatus & { at: string };

export interface TimelineProps {
  operationId: string;
  /** Who a correction is recorded by (the signed-in person). */
  actor: Actor | undefined;
  /** Group code → name, for the group column and filter. */
  groupNames: Record<string, string>;
  height?: number;
}

/**
 * How the timeline names an entry: 第 12 条 while the log is one chain (format 1, or one
 * station's); with several, a format-2 entry names its station (第 12 条 alone is ambiguous).
 */
function namer(entries: readonly LogEntry[] | undefined): (e: LogEntry) => string {
  const chains = new Set((entries ?? []).map((e) => e.writer ?? ''));
  return chains.size <= 1 ? (e) => `第 ${e.seq} 条` : entryLabel;
}

export function Timeline({ operationId, actor, groupNames, height = 420 }: TimelineProps) {
  const entries = useLiveQuery(() => listLog(db, operationId), [operationId]);
  const items = useMemo(() => (entries ? correctedView(entries) : []), [entries]);
  // The system clock is checked along the format-1 chain; format-2 stations' clocks are the hub's to measure.
  const flags = useMemo(() => new Map((entries ? clockFlags(entries.filter((e) => !e.writer)) : []).map((f) => [`1:${f.seq}`, f.message])), [entries]);
  const name = useMemo(() => namer(entries), [entries]);
  const stationsShown = useMemo(() => (entries ?? []).some((e) => e.writer), [entries]);
  const [filter, setFilter] = useState<TimelineFilter>(emptyFilter);
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => filterItems(items, deferred), [items, deferred]);
  const [correcting, setCorrecting] = useState<CorrectedItem | null>(null);
  const table = useRef<TableRef>(null);

  // Follow the newest entry: on opening and whenever entries are added (or a filter widens).
  const lastCount = useRef(0);
  useEffect(() => {
    const grew = shown.length > lastCount.current;
    lastCount.current = shown.length;
    if (!grew) return;
    // After the virtual list has laid out the new rows.
    const timer = setTimeout(() => table.current?.scrollTo({ index: shown.length - 1, align: 'end' }), 50);
    return () => clearTimeout(timer);
  }, [shown.length]);

  // Verified on opening, on demand, and again a moment after entries are added (debounced,
  // since a long log takes a while to hash).
  const [status, setStatus] = useState<Checked | null>(null);
  const [checking, setChecking] = useState(false);
  const verify = useCallback(
    (full: boolean) => {
      setChecking(true);
      const at = () => chinaInstant(new Date()).slice(11, 19);
      verifyLog(db, operationId, { full })
        .then(
          (s) => setStatus({ ...s, at: at() }),
          (e: unknown) => setStatus({ count: 0, verdict: { ok: false, seq: 0, message: errorText(e) }, flags: [], at: at() }),
        )
        .finally(() => setChecking(false));
    },
    [operationId],
  );
  useEffect(() => verify(true), [verify]);
  const count = entries?.length;
  const checkedCount = status?.count;
  useEffect(() => {
    if (count === undefined || checkedCount === undefined || count === checkedCount) return;
    const timer = setTimeout(() => verify(false), 1500);
    return () => clearTimeout(timer);
  }, [count, checkedCount, verify]);

  const groupOptions = useMemo(() => {
    const codes = new Set([...Object.keys(groupNames), ...items.map((i) => i.entry.group).filter(Boolean)]);
    return [...codes].map((c) => ({ value: c, label: groupNames[c] ?? c }));
  }, [groupNames, items]);
  const today = entries?.at(-1)?.occurredAt;

  return (
    <div data-testid="timeline">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          placeholder="搜索内容、记录人或序号"
          aria-label="搜索日志"
          style={{ width: 240 }}
          value={filter.search}
          onChange={(e) => setFilter({ ...filter, search: e.target.value })}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="工作组"
          aria-label="按工作组筛选"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 160 }}
          options={groupOptions}
          value={filter.groups}
          onChange={(groups) => setFilter({ ...filter, groups })}
        />
        <Select<LogCategory[]>
          mode="multiple"
          allowClear
          placeholder="类别"
          aria-label="按类别筛选"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 160 }}
          options={logCategories.filter((c) => c !== 'correction').map((c) => ({ value: c, label: logCategoryLabels[c] }))}
          value={filter.categories}
          onChange={(categories) => setFilter({ ...filter, categories })}
        />
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="MM-DD HH:mm"
          aria-label="发生时间范围"
          placeholder={['发生时间起', '止']}
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
            const { from: _from, to: _to, ...rest } = filter;
            setFilter({
              ...rest,
              ...(range?.[0] ? { from: range[0].valueOf() } : {}),
              ...(range?.[1] ? { to: range[1].valueOf() } : {}),
            });
          }}
        />
        <Typography.Text type="secondary" data-testid="timeline-count">
          显示 {shown.length} / {items.length} 项
        </Typography.Text>
        <Button onClick={() => table.current?.scrollTo({ index: shown.length - 1, align: 'end' })} disabled={!shown.length}>
          跳至最新
        </Button>
        <Button onClick={() => verify(true)} loading={checking}>
          校验
        </Button>
      </Space>
      <VerifyResult status={status} current={entries?.length ?? 0} />
      <StationsNotice operationId={operationId} status={status} />
      <Table<CorrectedItem>
        ref={table}
        virtual
        size="small"
        rowKey={(i) => entryKey(i.entry)}
        dataSource={shown}
        loading={entries === undefined}
        pagination={false}
        scroll={{ y: height, x: 1080 }}
        locale={{ emptyText: items.length ? '没有符合筛选条件的记录' : '尚无记录' }}
        expandable={{
          columnWidth: 32,
          rowExpandable: (i) => i.corrected,
          expandedRowRender: (i) => <History item={i} name={name} />,
        }}
        columns={[
          { title: '序号', width: 70, render: (_, i) => <span data-testid="seq">{i.entry.seq}</span> },
          ...(stationsShown
            ? [
                {
                  title: '工作站',
                  width: 100,
                  render: (_: unknown, i: CorrectedItem) =>
                    i.entry.writer ? <Tooltip title={`工作站公钥 ${i.entry.writer}`}>{i.entry.writerName ?? i.entry.writer.slice(0, 8)}</Tooltip> : <Typography.Text type="secondary">原日志</Typography.Text>,
                },
              ]
            : []),
          {
            title: '发生时间',
            width: 120,
            render: (_, i) => (
              <Tooltip title={i.entry.occurredAt}>{shortTime(i.entry.occurredAt, today)}</Tooltip>
            ),
          },
          {
            title: '记录时间',
            width: 130,
            render: (_, i) => (
              <Tooltip title={flags.get(entryKey(i.entry)) ?? i.entry.recordedAt}>
                <span style={{ color: i.entry.recordedAt === i.entry.occurredAt ? '#999' : undefined }}>
                  {shortTime(i.entry.recordedAt, today)}
                </span>
                {flags.has(entryKey(i.entry)) && (
                  <Tag color="orange" style={{ marginLeft: 4 }}>
                    时钟异常
                  </Tag>
                )}
              </Tooltip>
            ),
          },
          { title: '工作组', width: 110, render: (_, i) => groupNames[i.entry.group] ?? i.entry.group },
          { title: '类别', width: 90, render: (_, i) => logCategoryLabels[i.entry.category] },
          {
            title: '内容',
            width: 370,
            render: (_, i) => (
              <span>
                {i.corrected && (
                  <Tag color="purple" title={`原文：${i.entry.text}`}>
                    已更正
                  </Tag>
                )}
                {i.currentText}
              </span>
            ),
          },
          { title: '记录人', width: 90, render: (_, i) => i.entry.operator },
          {
            title: '操作',
            width: 70,
            render: (_, i) => (
              <Button size="small" type="link" onClick={() => setCorrecting(i)} aria-label={`更正${name(i.entry)}`}>
                更正
              </Button>
            ),
          },
        ]}
      />
      {correcting && (
        <CorrectionModal item={correcting} operationId={operationId} actor={actor} name={name} onClose={() => setCorrecting(null)} />
      )}
    </div>
  );
}

function VerifyResult({ status, current }: { status: Checked | null; current: number }) {
  if (!status) return null;
  if (!status.verdict.ok) {
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 8 }}
        data-testid="timeline-verify"
        title={`${status.at} 日志校验失败：${status.verdict.writer ? `工作站 ${status.verdict.writer.slice(0, 8)} ` : ''}第 ${status.verdict.seq} 条`}
        description={status.verdict.message}
      />
    );
  }
  const head = status.verdict.head;
  return (
    <Alert
      type={status.flags.length ? 'warning' : 'success'}
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="timeline-verify"
      title={
        head
          ? `${status.at} 校验通过：共 ${status.count} 条，链头${head.writer ? ` 工作站 ${head.writer.slice(0, 8)} ` : ''}第 ${head.seq} 条 ${head.hash.slice(0, 16)}…`
          : `${status.at} 校验通过：尚无记录`
      }
      description={
        [
          ...status.flags.map((f) => f.message),
          ...(current > status.count ? [`此后新增 ${current - status.count} 条，稍后自动重新校验`] : []),
        ].join('；') || undefined
      }
    />
  );
}

function History({ item, name }: { item: CorrectedItem; name: (e: LogEntry) => string }) {
  const testId = item.entry.writer ? `history-${item.entry.writer.slice(0, 8)}-${item.entry.seq}` : `history-${item.entry.seq}`;
  return (
    <ol style={{ margin: 0, paddingLeft: 20 }} data-testid={testId}>
      <li>
        原始记录（{name(item.entry)}，{item.entry.recordedAt.slice(0, 19).replace('T', ' ')}，{item.entry.operator}）：{item.entry.text}
      </li>
      {item.corrections.map((c) => (
        <li key={entryKey(c)}>
          更正（{name(c)}，{c.recordedAt.slice(0, 19).replace('T', ' ')}，{c.operator}）：{c.text}
          {typeof c.data?.reason === 'string' && <Typography.Text type="secondary">（理由：{c.data.reason}）</Typography.Text>}
        </li>
      ))}
    </ol>
  );
}

function CorrectionModal({
  item,
  operationId,
  actor,
  name,
  onClose,
}: {
  item: CorrectedItem;
  operationId: string;
  actor: Actor | undefined;
  name: (e: LogEntry) => string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await recordCorrection(db, { operationId, actor }, item.entry, v.text, v.reason);
      message.success(`已记录对${name(item.entry)}的更正；原记录保留`);
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`更正${name(item.entry)}`} okText="记录更正" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        更正不会改动原记录：将新增一条更正记录，原文与历次更正都保留可查。记录人：{actor?.name ?? '（未登录）'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ text: item.currentText, reason: '' }}>
        <Form.Item name="text" label="更正后的内容" rules={[{ required: true, whitespace: true, message: '请填写更正后的内容' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="reason" label="更正理由" rules={[{ required: true, whitespace: true, message: '请填写更正理由' }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
