// DOM. 人员到岗: check people in against the operation's roster as they arrive, by name
// search and keyboard; who has and has not checked in is always in view, and anyone assigned
// without a training on record is flagged (seed 004 §一(三): no untrained staff).
import { useState } from 'react';
import { App, Card, Input, Modal, Select, Tag, Typography } from 'antd';
import type { OnSiteState } from '../../../shared/onSite/state';
import { db } from '../data/db';
import { errorText } from '../ui/errors';
import { recordCheckIn, type Recorder } from './repository';

export interface RosterPerson {
  id: string;
  name: string;
  unit: string;
  post: string;
  /** Working group name and the code entries are recorded under ('' when in none). */
  group: string;
  groupCode: string;
  /** Assigned (commander, deputy, a group) with no training on record. */
  untrained: boolean;
}

const UNTRAINED = '无培训记录';

export function CheckInPanel({ who, roster, state, disabled }: { who: Recorder; roster: RosterPerson[]; state: OnSiteState; disabled: string | null }) {
  const { message } = App.useApp();
  const [again, setAgain] = useState<RosterPerson | null>(null);
  const [note, setNote] = useState('');
  const present = roster.filter((p) => state.checkIns.has(p.id));
  const absent = roster.filter((p) => !state.checkIns.has(p.id));

  const checkIn = async (person: RosterPerson, withNote = '') => {
    try {
      await recordCheckIn(db, { ...who, group: person.groupCode }, person, withNote);
      if (person.untrained) message.warning(`${person.name} 已到岗，但${UNTRAINED}：未经培训的人员不得从事征收工作（吉建征〔2022〕4号），请核实后安排`);
      else message.success(`${person.name} 已到岗`);
      setAgain(null);
      setNote('');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card size="small" title={`人员到岗（已到 ${present.length} / ${roster.length}）`}>
      <Select
        showSearch={{ filterOption: (input, option) => (option?.search ?? '').includes(input.trim()) }}
        aria-label="到岗人员"
        placeholder={disabled ?? '输入姓名，回车登记到岗'}
        disabled={!!disabled}
        style={{ width: '100%' }}
        value={null}
        options={roster.map((p) => ({
          value: p.id,
          search: `${p.name}${p.unit}${p.group}`,
          label: `${p.name}（${p.unit}${p.group ? ` · ${p.group}` : ''}）${p.untrained ? ` · ${UNTRAINED}` : ''}${state.checkIns.has(p.id) ? ' · 已到岗' : ''}`,
        }))}
        onChange={(id: string | null) => {
          const person = roster.find((p) => p.id === id);
          if (!person) return;
          if (state.checkIns.has(person.id)) setAgain(person);
          else void checkIn(person);
        }}
      />
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">已到岗：</Typography.Text>
        <div data-testid="checked-in">
          {present.map((p) => (
            <Tag key={p.id} color={p.untrained ? 'red' : 'green'} title={`${p.unit} ${p.post}${p.untrained ? ` · ${UNTRAINED}` : ''}`}>
              {p.name} {state.checkIns.get(p.id)![0]!.occurredAt.slice(11, 16)}
              {p.untrained && ` · ${UNTRAINED}`}
            </Tag>
          ))}
        </div>
        <Typography.Text type="secondary">未到岗：</Typography.Text>
        <div data-testid="not-checked-in" style={{ maxHeight: 96, overflow: 'auto' }}>
          {absent.map((p) => (
            <Tag key={p.id} color={p.untrained ? 'red' : undefined} title={`${p.unit} ${p.post}${p.untrained ? ` · ${UNTRAINED}` : ''}`}>
              {p.name}
              {p.untrained && ` · ${UNTRAINED}`}
            </Tag>
          ))}
        </div>
      </div>
      {again && (
        <Modal
          open
          title={`${again.name} 再次到岗`}
          okText="登记"
          onOk={() => (note.trim() ? checkIn(again, note) : message.warning('再次登记请填写说明（如离岗后返回）'))}
          onCancel={() => setAgain(null)}
          destroyOnHidden
        >
          <Typography.Paragraph>
            {again.name} 已于 {state.checkIns.get(again.id)?.[0]?.occurredAt.slice(11, 16)} 到岗。再次登记须说明原因。
          </Typography.Paragraph>
          <Input autoFocus aria-label="再次到岗说明" value={note} onChange={(e) => setNote(e.target.value)} onPressEnter={() => note.trim() && checkIn(again, note)} />
        </Modal>
      )}
    </Card>
  );
}
