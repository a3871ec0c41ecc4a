// DOM. 关于: version, host mode, where data lives, whether storage is persistent.
import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Tag } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { APP_NAME, APP_NAME_EN } from '../../../shared/app/identity';
import type { AppInfo } from '../../../shared/host/contract';
import { storageStatus, type StorageStatus } from '../data/storage';
import { host } from '../host';

const formatBytes = (n: number | null) => (n === null ? '未知' : `${(n / 1024 / 1024).toFixed(1)} MB`);

function AboutContent() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [storage, setStorage] = useState<StorageStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    host.appInfo({}).then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    void storageStatus().then(setStorage);
  }, []);
  return (
    <>
      {error && <Alert type="error" showIcon title="无法读取程序信息" description={error} />}
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
        <Descriptions.Item label="程序">{`${APP_NAME}（${APP_NAME_EN}）`}</Descriptions.Item>
        <Descriptions.Item label="版本">{info?.version ?? '读取中…'}</Descriptions.Item>
        <Descriptions.Item label="运行方式">
          {info ? (info.mode === 'electron' ? '桌面程序（Electron）' : '浏览器模式（Chromium 应用窗口）') : '读取中…'}
        </Descriptions.Item>
        <Descriptions.Item label="数据位置">
          <span data-testid="data-location">{info?.dataLocation ?? '读取中…'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="持久存储">
          <span data-testid="storage-persisted">
            {storage === null ? (
              '读取中…'
            ) : storage.persisted === true ? (
              <Tag color="green">已获准：浏览器不会自动清除本机数据</Tag>
            ) : storage.persisted === false ? (
              <Tag color="orange">未获准：磁盘空间不足时浏览器可能清除数据，请定期备份</Tag>
            ) : (
              <Tag>此环境不支持查询</Tag>
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="已用空间">
          {storage ? `${formatBytes(storage.usageBytes)} / 可用上限 ${formatBytes(storage.quotaBytes)}` : '读取中…'}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}

export function AboutButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="text" icon={<InfoCircleOutlined />} style={{ color: '#fff' }} onClick={() => setOpen(true)}>
        关于
      </Button>
      <Modal title="关于本程序" open={open} onCancel={() => setOpen(false)} footer={null} width={640} destroyOnHidden>
        <AboutContent />
      </Modal>
    </>
  );
}
