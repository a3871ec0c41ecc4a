// DOM. The unmet conditions of a gate, each with its legal basis; the ones 情况紧急 may
// override are marked, and marked again once the recorded reason overrides them.
import { Alert, Tag, Typography } from 'antd';
import type { GateResult } from '../../../shared/onSite/gates';

export function GateList({ title, result }: { title: string; result: GateResult }) {
  if (result.problems.length === 0 && result.warnings.length === 0) return null;
  return (
    <div data-testid="gate-problems">
      {result.problems.length > 0 && (
        <Alert
          type={result.ok ? 'warning' : 'error'}
          showIcon
          title={result.ok ? `${title}：以下情形依“情况紧急”例外执行` : `${title}：以下条件未满足（共 ${result.problems.length} 项）`}
          description={
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {result.problems.map((p, i) => (
                <li key={`${p.code}-${i}`} data-code={p.code} style={{ marginBottom: 6 }}>
                  <Typography.Text>{p.message}</Typography.Text>
                  {p.overridable && (
                    <Tag color={result.overridden.includes(p.code) ? 'orange' : 'default'} style={{ marginLeft: 6 }}>
                      {result.overridden.includes(p.code) ? '依情况紧急例外' : '情况紧急的可例外'}
                    </Tag>
                  )}
                  <div style={{ fontSize: 12, color: '#888' }}>依据：{p.basis}</div>
                </li>
              ))}
            </ol>
          }
        />
      )}
      {result.warnings.map((w) => (
        <Alert key={w} type="info" showIcon title={w} style={{ marginTop: 8 }} />
      ))}
    </div>
  );
}
