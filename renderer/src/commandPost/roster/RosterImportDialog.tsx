// DOM. 导入名单: a member unit's roster file → column mapping, preview and per-row
// problems → the rows that pass are imported in one transaction.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Checkbox, Flex, Modal, Select, Space, Spin, Table, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  buildRosterPlan,
  ROSTER_LIMITS,
  validateRoster,
  type RosterError,
  type RosterPlan,
  type RosterTable,
  type RosterValidation,
} from '../../../../shared/commandPost/roster';
import {
  assignColumn,
  guessMapping,
  rosterFieldLabels,
  rosterFields,
  type ColumnMapping,
  type RosterField,
} from '../../../../shared/commandPost/rosterColumns';
import { db } from '../../data/db';
import { errorText } from '../../ui/errors';
import { importRoster, loadRoster } from './importRoster';
import { useActor } from '../../operators/session';
import { readRosterFile, ROSTER_FILE_ACCEPT } from './readRosterFile';

const PREVIEW_ROWS = 8;
/** Smaller files are checked within a frame or two: a spinner would only flicker. */
const SPINNER_ROWS = 1000;
const SKIP = 'skip';
const fieldOptions = [
  ...rosterFields.map((f) => ({ value: f as string, label: rosterFieldLabels[f] })),
  { value: SKIP, label: '不导入' },
];

/** Resolves after the browser has painted, so a spinner shows before synchronous work of a few hundred ms. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

interface Loaded {
  fileName: string;
  table: RosterTable;
}

interface Checked {
  validation: RosterValidation;
  plan: RosterPlan;
  /** What it was checked with: after any change, importing waits for the new check. */
  inputs: unknown[];
}

interface PreviewRow {
  key: number;
  row: number;
  cells: string[];
}

export function RosterImportDialog({ operationId, open, onClose }: { operationId: string; open: boolean; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const actor = useActor(operationId);
  const existing = useLiveQuery(() => loadRoster(db, operationId), [operationId]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [defaultUnit, setDefaultUnit] = useState('');
  const [fillDownUnit, setFillDownUnit] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const readSeq = useRef(0);

  const inputs = [loaded, mapping, defaultUnit, fillDownUnit, existing, operationId];
  useEffect(() => {
    if (!loaded || !existing) return;
    let cancelled = false;
    if (loaded.table.rows.length > SPINNER_ROWS) setBusy(`正在检查 ${loaded.table.rows.length} 行…`);
    void nextPaint().then(() => {
      if (cancelled) return;
      const validation = validateRoster(loaded.table, mapping, existing, { defaultUnit, fillDownUnit });
      const plan = buildRosterPlan(validation.valid, existing.memberUnits, operationId, () => crypto.randomUUID());
      setChecked({ validation, plan, inputs });
      setBusy(null);
    });
    return () => {
      cancelled = true;
    };
  }, [loaded, mapping, defaultUnit, fillDownUnit, existing, operationId]);

  const choose = async (file: File) => {
    const seq = ++readSeq.current;
    setBusy(`正在读取“${file.name}”…`);
    setReadError(null);
    setChecked(null);
    try {
      await nextPaint();
      const table = await readRosterFile(file);
      if (seq !== readSeq.current) return; // another file was chosen meanwhile
      setLoaded({ fileName: file.name, table });
      setMapping(guessMapping(table.header));
    } catch (e) {
      if (seq !== readSeq.current) return;
      setLoaded(null);
      setReadError(errorText(e));
      setBusy(null);
    }
  };

  const reset = () => {
    readSeq.current++;
    setLoaded(null);
    setMapping([]);
    setDefaultUnit('');
    setFillDownUnit(false);
    setChecked(null);
    setBusy(null);
    setReadError(null);
  };

  const uploadProps: UploadProps = {
    accept: ROSTER_FILE_ACCEPT,
    multiple: false,
    showUploadList: false,
    beforeUpload: (file) => {
      void choose(file);
      return Upload.LIST_IGNORE; // read here, never uploaded anywhere
    },
  };

  const validation = checked?.validation;
  const problemRows = new Set(validation?.errors.map((e) => e.row));
  const current = !!checked && checked.inputs.every((v, i) => v === inputs[i]);
  const canImport = !busy && current && checked.plan.people.length > 0;

  const confirmImport = () => {
    if (!checked) return;
    const { plan } = checked;
    modal.confirm({
      title: `导入 ${plan.people.length} 人？`,
      width: 480,
      content: (
        <Space orientation="vertical" size={4}>
          {plan.memberUnits.length > 0 && (
            <span>
              新增成员单位 {plan.memberUnits.length} 个：{plan.memberUnits.map((u) => u.name).join('、')}
            </span>
          )}
          {problemRows.size > 0 ? (
            <Typography.Text type="warning">有问题的 {problemRows.size} 行将跳过、不导入；修改文件后可再次导入这些行。</Typography.Text>
          ) : (
            <span>文件中的人员全部导入。</span>
          )}
        </Space>
      ),
      okText: '导入',
      cancelText: '返回检查',
      onOk: async () => {
        try {
          await importRoster(db, operationId, plan, actor, loaded?.fileName ?? '');
          const units = plan.memberUnits.length > 0 ? `，新增成员单位 ${plan.memberUnits.length} 个` : '';
          message.success(`已导入 ${plan.people.length} 人${units}`);
          onClose();
        } catch (e) {
          message.error(`导入失败，名单没有任何改动：${errorText(e)}`);
        }
      },
    });
  };

  const setColumn = (column: number, value: string) =>
    setMapping((m) => assignColumn(m, column, value === SKIP ? null : (value as RosterField)));

  const table = loaded?.table;
  const columnTitle = (column: number) => table?.header[column]?.trim() || `第 ${column + 1} 列`;
  const previewColumns = [
    {
      title: '行',
      key: 'row',
      width: 56,
      render: (_: unknown, r: PreviewRow) => (
        <Typography.Text type={problemRows.has(r.row) ? 'danger' : 'secondary'}>{r.row}</Typography.Text>
      ),
    },
    ...(table?.header ?? []).map((_, column) => ({
      key: column,
      width: 140,
      ellipsis: true,
      title: (
        <Flex vertical gap={4}>
          <Typography.Text strong ellipsis title={columnTitle(column)}>
            {columnTitle(column)}
          </Typography.Text>
          <Select
            size="small"
            aria-label={`“${columnTitle(column)}”列导入为`}
            value={mapping[column] ?? SKIP}
            options={fieldOptions}
            onChange={(v) => setColumn(column, v)}
            popupMatchSelectWidth={false}
          />
        </Flex>
      ),
      render: (_: unknown, r: PreviewRow) => (
        <Typography.Text type={mapping[column] ? undefined : 'secondary'}>{r.cells[column]}</Typography.Text>
      ),
    })),
  ];

  return (
    <Modal
      title="导入名单"
      open={open}
      width="min(1200px, 96vw)"
      mask={{ closable: false }}
      onCancel={onClose}
      afterClose={reset}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="import" type="primary" disabled={!canImport} onClick={confirmImport}>
          {checked && checked.plan.people.length > 0 ? `导入 ${checked.plan.people.length} 人` : '导入'}
        </Button>,
      ]}
    >
      <Spin spinning={busy !== null} description={busy ?? undefined}>
        <Flex vertical gap={12}>
          {loaded ? (
            <Space wrap>
              <Typography.Text>
                文件：<Typography.Text strong>{loaded.fileName}</Typography.Text>（表头在第 {loaded.table.headerRowNumber} 行，数据{' '}
                {loaded.table.rows.length} 行）
              </Typography.Text>
              <Upload {...uploadProps}>
                <Button size="small" icon={<UploadOutlined />}>
                  重新选择文件
                </Button>
              </Upload>
            </Space>
          ) : (
            <Upload.Dragger {...uploadProps}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击选择或拖入成员单位报来的名单文件</p>
              <p className="ant-upload-hint">
                Excel 工作簿（.xlsx）或 CSV（.csv，含 Excel 默认的 GBK 编码）；不超过 10 MB、{ROSTER_LIMITS.rows} 行。
                须有姓名列，单位、职务、电话、证件号列可选。
              </p>
            </Upload.Dragger>
          )}
          {readError && <Alert type="error" showIcon title={readError} />}

          {loaded && (
            <>
              <Space wrap size="middle">
                <Space>
                  <label htmlFor="roster-default-unit">默认成员单位</label>
                  <AutoComplete
                    id="roster-default-unit"
                    style={{ width: 300 }}
                    value={defaultUnit}
                    onChange={setDefaultUnit}
                    options={existing?.memberUnits.map((u) => ({ value: u.name }))}
                    showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
                    placeholder="单位为空的行使用；可选已有单位或输入新单位"
                    allowClear
                  />
                </Space>
                <Checkbox checked={fillDownUnit} onChange={(e) => setFillDownUnit(e.target.checked)}>
                  单位为空时沿用上一行（表格中合并了单位单元格时勾选）
                </Checkbox>
              </Space>

              <Typography.Text type="secondary">
                在每列上方选择该列导入为哪一项。
                {loaded.table.rows.length > PREVIEW_ROWS && `下表为前 ${PREVIEW_ROWS} 行，共 ${loaded.table.rows.length} 行。`}
              </Typography.Text>
              {/* Scrolled by a wrapper, not Table's scroll.x: that renders hidden copies of the
                  header Selects for measuring, which Tab would stop on. */}
              <div style={{ overflowX: 'auto' }}>
                <Table<PreviewRow>
                  size="small"
                  bordered
                  tableLayout="fixed"
                  style={{ minWidth: 56 + loaded.table.header.length * 140 }}
                  pagination={false}
                  columns={previewColumns}
                  dataSource={loaded.table.rows
                    .slice(0, PREVIEW_ROWS)
                    .map((cells, i) => ({ key: i, row: loaded.table.headerRowNumber + 1 + i, cells }))}
                />
              </div>

              {validation && validation.mappingErrors.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  title="列的对应关系需要调整，才能检查和导入"
                  description={
                    <ul style={{ margin: 0, paddingLeft: 20 }}>
                      {validation.mappingErrors.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  }
                />
              )}

              {validation && validation.mappingErrors.length === 0 && checked && (
                <>
                  <Space wrap size="large">
                    <Typography.Text strong>
                      可导入 {validation.valid.length} 行，有问题 {problemRows.size} 行
                    </Typography.Text>
                    {checked.plan.memberUnits.length > 0 && (
                      <Typography.Text>将新增成员单位 {checked.plan.memberUnits.length} 个</Typography.Text>
                    )}
                    {validation.blankRows > 0 && (
                      <Typography.Text type="secondary">空行 {validation.blankRows} 行已忽略</Typography.Text>
                    )}
                  </Space>
                  {validation.errors.length > 0 && (
                    <Table<RosterError & { key: number }>
                      size="small"
                      bordered
                      dataSource={validation.errors.map((e, key) => ({ ...e, key }))}
                      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
                      scroll={{ y: 260 }}
                      columns={[
                        { title: '行号', dataIndex: 'row', width: 72 },
                        { title: '列', dataIndex: 'column', width: 180, ellipsis: true, render: (c?: string) => c ?? '—' },
                        { title: '问题', dataIndex: 'message' },
                      ]}
                    />
                  )}
                </>
              )}
            </>
          )}
        </Flex>
      </Spin>
    </Modal>
  );
}
