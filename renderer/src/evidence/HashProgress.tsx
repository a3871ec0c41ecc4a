// DOM. Progress of one file's hash: bar, "已计算 1.2 GB / 4.0 GB · 310 MB/s · 剩余约 9 秒", 取消.
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { formatBytes, progressLine } from '../../../shared/evidence/progress';
import type { HashingState } from './useFileHashing';

export function HashProgress({ state, onCancel }: { state: HashingState; onCancel: () => void }) {
  if (state.status === 'idle') return null;
  const { file } = state;
  const head = (
    <Typography.Text strong>
      {file.name}（{formatBytes(file.size)}）
    </Typography.Text>
  );
  switch (state.status) {
    case 'hashing': {
      const percent = file.size === 0 ? 100 : Math.floor((state.hashed / file.size) * 100);
      return (
        <div data-testid="hash-progress">
          {head}
          <Flex gap={8} align="center">
            <Progress percent={percent} status="active" style={{ flex: 1, margin: 0 }} />
            <Button size="small" onClick={onCancel}>
              取消
            </Button>
          </Flex>
          <Typography.Text type="secondary">{progressLine(state.hashed, file.size, state.rate)}</Typography.Text>
        </div>
      );
    }
    case 'done':
      return (
        <div data-testid="hash-progress">
          {head}
          <div>
            SHA-256：
            <Typography.Text code copyable data-testid="hash-result">
              {state.sha256}
            </Typography.Text>
          </div>
        </div>
      );
    case 'cancelled':
      return <Alert type="info" showIcon title={`已取消计算“${file.name}”的哈希值`} />;
    case 'failed':
      return <Alert type="error" showIcon title={`“${file.name}”的哈希值计算失败：${state.message}`} />;
  }
}
