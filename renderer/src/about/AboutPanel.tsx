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
      {info && <SignInProtection mode={info.mode} />}
      <AtRestWarning />
    </>
  );
}

/**
 * What keeps the sign-in PINs and the pinned log head out of reach (issue 16 item 3), said
 * plainly for the mode this runs in: in browser mode the page is its own host, so the browser
 * profile is all there is between them and whoever uses this computer as this user.
 */
function SignInProtection({ mode }: { mode: AppInfo['mode'] }) {
  return mode === 'electron' ? (
    <Alert
      data-testid="pin-protection"
      type="info"
      showIcon
      style={{ marginTop: 12 }}
      title="登录 PIN 和日志链头由主进程保存"
      description="登录 PIN 只以加盐 scrypt 哈希保存在数据文件夹的 pins.json 中，由程序主进程读写：页面读不到哈希，不能删除 PIN 记录，也不能清零输错次数；执行日志最近一次校验通过的链头也由主进程保存（log-heads.json），只能前移。PIN 只在本机有效，不随同步、备份或档案带走。能以本用户身份直接读写数据文件夹的人仍可复制或改动这些文件：请开启整盘加密并设置锁屏密码。"
    />
  ) : (
    <Alert
      data-testid="pin-protection"
      type="warning"
      showIcon
      style={{ marginTop: 12 }}
      title="浏览器模式：登录 PIN 和日志链头只受浏览器配置保护"
      description={
        <>
          <p style={{ margin: '0 0 6px' }}>
            浏览器模式下，本程序的页面就是它自己的宿主：登录 PIN 的加盐慢哈希和输错次数保存在本浏览器配置的 IndexedDB 中，执行日志最近一次校验通过的链头保存在本浏览器配置的
            localStorage 中。
          </p>
          <p style={{ margin: '0 0 6px' }}>
            <b>能防住：</b>其他网站和其他浏览器配置读取这些数据；PIN 本身从不保存，只存慢哈希；PIN 只在本机有效，不随同步、备份或档案带走。
          </p>
          <p style={{ margin: 0 }}>
            <b>防不住：</b>能以本用户身份使用这台电脑的人（打开开发者工具，或复制、改动浏览器配置文件夹）可以读出 PIN 哈希离线猜测、删除 PIN 记录或清零输错次数、把固定的链头改回去。需要这些保护时，请使用桌面程序（Electron），并开启整盘加密、设置锁屏密码。
          </p>
        </>
      }
    />
  );
}

/** The data folder is not encrypted by the app, and the laptop goes to the site: say so, and what to do. */
function AtRestWarning() {
  return (
    <Alert
      data-testid="at-rest-warning"
      type="warning"
      showIcon
      style={{ marginTop: 12 }}
      title="本机数据未加密"
      description={
        <>
          <p style={{ margin: '0 0 6px' }}>
            本程序不对本机数据（数据库、自动备份、浏览器资料）加密。笔记本电脑带到现场，一旦丢失或被他人取得，其中的姓名、身份证号、联系电话和执行日志都可被读出。
          </p>
          <p style={{ margin: '0 0 6px' }}>
            请在每台运行本程序的电脑上开启整盘加密：Windows 用 <b>BitLocker</b>，Linux 用 <b>LUKS</b>（安装系统时选择磁盘加密），macOS 用 <b>FileVault</b>；并设置锁屏密码。
          </p>
          <p style={{ margin: 0 }}>
            携带或转交数据，请在行动的“档案”中<b>导出备份</b>并设口令加密（.json.age 文件），不要直接拷贝数据文件夹。
          </p>
        </>
      }
    />
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
