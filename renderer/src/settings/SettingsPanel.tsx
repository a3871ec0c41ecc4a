// DOM. 设置: night hours used by the legality checks, official holiday schedules, the idle
// time after which a workspace locks, and the fonts the documents are printed with.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Space, Table, Tag, TimePicker, Typography } from 'antd';
import { FolderOpenOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { clockField } from '../ui/dateFields';
import { useLiveQuery } from 'dexie-react-hooks';
import { EXAMPLE_OFFICIAL_SCHEDULE, type OfficialSchedule } from '../../../shared/calendar';
import { chooseFontFiles, fontReport, fontRoleLabels, type FontRoleReport } from '../../../shared/documents/fonts';
import { embeddedFonts } from '../documents/fonts';
import { closeAll, findOfficeFonts } from '../documents/officeFonts';
import { db } from '../data/db';
import { host } from '../host';
import { readWholeFile } from '../host/fileStream';
import { errorText } from '../ui/errors';
import { chooseFontFolder } from './fontFolder';
import {
  clearFontFolder,
  loadScheduleFile,
  readIdleLockMinutes,
  readNightHours,
  registerStoredSchedules,
  saveIdleLockMinutes,
  saveNightHours,
  type NightHours,
} from './settings';

function NightHoursForm({ value }: { value: NightHours }) {
  const { message } = App.useApp();
  const save = async (v: NightHours) => {
    try {
      await saveNightHours(db, v);
      message.success('已保存夜间时段');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Form<NightHours> layout="inline" initialValues={value} onFinish={save}>
      <Form.Item name="from" label="夜间自" {...clockField}>
        <TimePicker format="HH:mm" allowClear={false} />
      </Form.Item>
      <Form.Item name="to" label="至次日" {...clockField}>
        <TimePicker format="HH:mm" allowClear={false} />
      </Form.Item>
      <Button htmlType="submit">保存</Button>
    </Form>
  );
}

function IdleLockForm({ minutes }: { minutes: number }) {
  const { message } = App.useApp();
  const save = async (v: { minutes: number | null }) => {
    try {
      await saveIdleLockMinutes(db, v.minutes ?? undefined);
      message.success('已保存空闲锁定时间');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Form layout="inline" initialValues={{ minutes }} onFinish={save}>
      <Form.Item name="minutes" label="无键盘、鼠标操作">
        <InputNumber aria-label="空闲锁定分钟数" min={0.1} max={120} step={1} suffix="分钟" style={{ width: 140 }} />
      </Form.Item>
      <Typography.Text type="secondary" style={{ marginRight: 12, lineHeight: '32px' }}>
        后锁定工作区；也可随时按 Ctrl+L 锁定
      </Typography.Text>
      <Button htmlType="submit">保存</Button>
    </Form>
  );
}

function SchedulesCard() {
  const { message } = App.useApp();
  const schedules = useLiveQuery(() => registerStoredSchedules(db), []);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      const { files } = await host.openFiles({ filters: [{ name: '节假日安排文件', extensions: ['json'] }] });
      const file = files[0];
      if (!file) return;
      const bytes = await readWholeFile(host, file, 1024 * 1024);
      const schedule = await loadScheduleFile(db, new TextDecoder().decode(bytes));
      message.success(`已载入 ${schedule.year} 年节假日安排（${schedule.source}）`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const saveExample = async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(EXAMPLE_OFFICIAL_SCHEDULE, null, 2));
    const result = await host.saveFile({ suggestedName: `节假日安排示例-${EXAMPLE_OFFICIAL_SCHEDULE.year}.json`, bytes, filters: [] });
    if (result.status === 'saved') message.success(`示例已保存：${result.location}`);
  };
  return (
    <Card size="small" title="法定节假日安排">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        内置 2025—2026 年国务院办公厅放假安排。其他年份仍按《全国年节及纪念日放假办法》自动禁止 13 天法定节假日，但会提示缺少当年安排。
        国务院办公厅发布新一年的通知后，按示例格式制作 JSON 文件并在此载入，无需升级程序。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<UploadOutlined />} loading={busy} onClick={load}>
          载入安排文件
        </Button>
        <Button onClick={saveExample}>保存示例文件</Button>
      </Space>
      <Table<OfficialSchedule>
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={schedules ?? []}
        locale={{ emptyText: '尚未载入文件（使用内置数据）' }}
        columns={[
          { title: '年份', dataIndex: 'year', width: 80 },
          { title: '通知文号', dataIndex: 'source' },
          { title: '放假日', key: 'n', width: 90, render: (_, s) => s.holidays.reduce((n, g) => n + g.dates.length, 0) },
        ]}
      />
    </Card>
  );
}

const fontStatus: Record<FontRoleReport['status'], { color: string; text: string }> = {
  found: { color: 'green', text: '已找到' },
  substitute: { color: 'orange', text: '替代字体' },
  missing: { color: 'red', text: '缺少' },
};

/** Which font prints each role of the documents, from where, and which the office still lacks. */
function DocumentFontsCard() {
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<{ folder: string | null; problem?: string; rows: FontRoleReport[] } | { error: string }>();
  useEffect(() => {
    let live = true;
    findOfficeFonts(host, db)
      .then(async ({ folder, problem, files }) => {
        await closeAll(files);
        const rows = fontReport(chooseFontFiles(files), embeddedFonts());
        if (live) setView({ folder: folder?.location ?? null, ...(problem ? { problem } : {}), rows });
      })
      .catch((e: unknown) => live && setView({ error: errorText(e) }));
    return () => {
      live = false;
    };
  }, [version]);
  const choose = async () => {
    setBusy(true);
    try {
      const chosen = await chooseFontFolder(host, db);
      if (chosen === null) return;
      if (chosen.names.length === 0) message.warning(`文件夹“${chosen.location}”中没有可用的文书字体文件，文书仍用其他位置的字体`);
      else message.success(`已选择单位字体文件夹“${chosen.location}”：${chosen.names.join('、')}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
      setVersion((v) => v + 1);
    }
  };
  const clear = async () => {
    await clearFontFolder(db);
    setVersion((v) => v + 1);
  };
  return (
    <Card size="small" title="文书字体（GB/T 9704-2012）" data-testid="document-fonts">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        告知书、公告、报告等按 GB/T 9704：标题 2号小标宋体，正文 3号仿宋体（仿宋_GB2312），一级标题黑体，二级标题楷体。程序不能附带这些字体：
        每次生成文书时依次使用 ① 此处选择的单位字体文件夹 ② Windows 字体文件夹 ③ 本机字体文件夹中的字体，都没有的以程序内置的 Noto Serif SC 代替；
        这些字体缺少的生僻字也以 Noto Serif SC 印出。每份 PDF 的文档属性（关键词）记有实际使用的字体。浏览器模式只能使用此处选择的文件夹，其中的字体文件保存在本浏览器中。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button icon={<FolderOpenOutlined />} loading={busy} onClick={choose}>
          选择单位字体文件夹
        </Button>
        {view && 'rows' in view && view.folder ? (
          <>
            <Typography.Text data-testid="font-folder">当前：{view.folder}</Typography.Text>
            <Button size="small" onClick={clear}>
              不再使用
            </Button>
          </>
        ) : (
          <Typography.Text type="secondary">尚未选择单位字体文件夹</Typography.Text>
        )}
      </Space>
      {view && 'error' in view ? <Alert type="error" showIcon title={`无法查找字体：${view.error}`} /> : null}
      {view && 'rows' in view && view.problem ? (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`单位字体文件夹“${view.folder}”${view.problem}，请重新选择`} />
      ) : null}
      <Table<FontRoleReport>
        size="small"
        rowKey="role"
        pagination={false}
        loading={!view}
        dataSource={view && 'rows' in view ? view.rows : []}
        columns={[
          {
            title: '用于',
            key: 'use',
            width: 170,
            render: (_, r) => (
              <>
                <div>{fontRoleLabels[r.role].use}</div>
                <Typography.Text type="secondary">{fontRoleLabels[r.role].standard}</Typography.Text>
              </>
            ),
          },
          { title: '使用的字体', dataIndex: 'font', width: 150 },
          {
            title: '来源',
            key: 'where',
            render: (_, r) => (
              <>
                <div style={{ wordBreak: 'break-all' }}>{r.where}</div>
                {r.wanted ? <Typography.Text type="secondary">需要 {r.wanted}</Typography.Text> : null}
              </>
            ),
          },
          { title: '状态', key: 'status', width: 90, render: (_, r) => <Tag color={fontStatus[r.status].color}>{fontStatus[r.status].text}</Tag> },
        ]}
      />
    </Card>
  );
}

export function SettingsButton() {
  const [open, setOpen] = useState(false);
  const night = useLiveQuery(() => readNightHours(db), []);
  const idle = useLiveQuery(() => readIdleLockMinutes(db), []);
  return (
    <>
      <Button type="text" icon={<SettingOutlined />} style={{ color: '#fff' }} onClick={() => setOpen(true)}>
        设置
      </Button>
      <Modal title="设置" open={open} onCancel={() => setOpen(false)} footer={null} width={820} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Card size="small" title="夜间时段（不得实施强制执行）">
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title="《行政强制法》未界定夜间；默认采用《噪声污染防治法》第八十八条的 22:00 至次日 06:00。"
            />
            {night && <NightHoursForm key={`${night.from}-${night.to}`} value={night} />}
          </Card>
          <Card size="small" title="空闲锁定">
            {idle !== undefined && <IdleLockForm key={idle} minutes={idle} />}
          </Card>
          <SchedulesCard />
          <DocumentFontsCard />
        </Space>
      </Modal>
    </>
  );
}
