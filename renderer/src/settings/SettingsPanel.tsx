// DOM. 设置: night hours used by the legality checks, official holiday schedules, and the
// idle time after which a workspace locks.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Space, Table, TimePicker, Typography } from 'antd';
import { SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { clockField } from '../ui/dateFields';
import { useLiveQuery } from 'dexie-react-hooks';
import { EXAMPLE_OFFICIAL_SCHEDULE, type OfficialSchedule } from '../../../shared/calendar';
import { db } from '../data/db';
import { host } from '../host';
import { readWholeFile } from '../host/fileStream';
import { errorText } from '../ui/errors';
import {
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

export function SettingsButton() {
  const [open, setOpen] = useState(false);
  const night = useLiveQuery(() => readNightHours(db), []);
  const idle = useLiveQuery(() => readIdleLockMinutes(db), []);
  return (
    <>
      <Button type="text" icon={<SettingOutlined />} style={{ color: '#fff' }} onClick={() => setOpen(true)}>
        设置
      </Button>
      <Modal title="设置" open={open} onCancel={() => setOpen(false)} footer={null} width={720} destroyOnHidden>
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
        </Space>
      </Modal>
    </>
  );
}
