// DOM. The sign-in screen of a workspace: the operation's roster, searched by name, unit or
// role; ↑/↓ and Enter choose a person, then their PIN (set on first use).
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { personRoles } from '../../../shared/commandPost/rules';
import type { Actor } from '../../../shared/operators/permissions';
import type { OperationSummary } from '../operation/repository';
import { loadCommandPost } from '../commandPost/repository';
import { db } from '../data/db';
import { PinEntry } from './PinEntry';
import { lastPerson } from './session';

interface RosterEntry {
  id: string;
  name: string;
  unit: string;
  roles: string[];
}

export function SignInScreen({ operation, title, onSignedIn }: { operation: OperationSummary; title: string; onSignedIn: (actor: Actor) => void }) {
  const post = useLiveQuery(() => loadCommandPost(db, operation.id), [operation.id]);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [chosen, setChosen] = useState<RosterEntry | null>(null);

  const roster: RosterEntry[] = useMemo(() => {
    if (!post) return [];
    const unitName = new Map(post.memberUnits.map((u) => [u.id, u.name]));
    const command = { onSiteCommanderId: operation.onSiteCommanderId, deputyCommanderId: operation.deputyCommanderId };
    const entries = post.people.map((p) => ({
      id: p.id,
      name: p.name,
      unit: unitName.get(p.memberUnitId) ?? '',
      roles: personRoles(p.id, post.workingGroups, command).map((r) => r.label),
    }));
    // The last person on this tab first, then the command, then the roster's order.
    const last = lastPerson(operation.id);
    const rank = (e: RosterEntry) => (e.id === last ? 0 : e.id === command.onSiteCommanderId ? 1 : e.id === command.deputyCommanderId ? 2 : 3);
    return entries.sort((a, b) => rank(a) - rank(b));
  }, [post, operation.id, operation.onSiteCommanderId, operation.deputyCommanderId]);

  const shown = roster.filter((e) => `${e.name}${e.unit}${e.roles.join('')}`.includes(query.trim()));
  const current = Math.min(highlight, Math.max(shown.length - 1, 0));

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setHighlight((current + step + shown.length) % Math.max(shown.length, 1));
    } else if (e.key === 'Enter' && shown[current]) {
      e.preventDefault();
      setChosen(shown[current]);
    }
  };

  return (
    <div className="operator-signin" data-testid="signin-screen">
      <Card style={{ width: 560, margin: '48px auto' }} title={<span>登录 · {title}</span>}>
        {chosen ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space>
              <Typography.Text strong style={{ fontSize: 16 }}>{chosen.name}</Typography.Text>
              <Typography.Text type="secondary">{chosen.unit}</Typography.Text>
              {chosen.roles.slice(0, 2).map((r) => <Tag key={r}>{r}</Tag>)}
              <Button size="small" onClick={() => setChosen(null)}>
                选择其他人员
              </Button>
            </Space>
            <PinEntry key={chosen.id} operationId={operation.id} personId={chosen.id} name={chosen.name} verb="登录" onSignedIn={onSignedIn} />
          </Space>
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              请在本行动名单中选择本人（↑/↓ 选择，回车确认）。每条记录、每份文书都署登录人的姓名。
            </Typography.Paragraph>
            <Input
              autoFocus
              aria-label="搜索人员"
              placeholder="输入姓名、单位或职责搜索"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setHighlight(0);
              }}
              onKeyDown={onKey}
            />
            <div role="listbox" aria-label="本行动人员" style={{ maxHeight: 380, overflowY: 'auto', marginTop: 8 }}>
              {post && shown.length === 0 && <Empty description="名单中没有匹配的人员" />}
              {shown.map((e, i) => (
                <div
                  key={e.id}
                  role="option"
                  aria-selected={i === current}
                  className={i === current ? 'operator-option operator-option-active' : 'operator-option'}
                  onClick={() => setChosen(e)}
                  onMouseEnter={() => setHighlight(i)}
                >
                  <Typography.Text strong>{e.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{e.unit}</Typography.Text>
                  {e.roles.slice(0, 2).map((r) => (
                    <Tag key={r} style={{ marginLeft: 8 }} color={r === '现场执行指挥' ? 'red' : r === '副指挥' ? 'orange' : undefined}>
                      {r}
                    </Tag>
                  ))}
                </div>
              ))}
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
