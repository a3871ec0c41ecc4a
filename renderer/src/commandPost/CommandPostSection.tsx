// DOM. 指挥部 (procedure step 1, 组建临时指挥部): the household, member units and people,
// working groups, the commander, the org chart drawn from them, and who can sign in here.
import { useState } from 'react';
import { Spin, Tabs, Tooltip } from 'antd';
import { ExclamationCircleFilled } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { groupsWithoutLeader } from '../../../shared/commandPost/rules';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { CommandTab } from './CommandTab';
import { GroupsTab } from './GroupsTab';
import { HouseholdTab } from './HouseholdTab';
import { OrgChart } from './OrgChart';
import { loadCommandPost } from './repository';
import { PinsPanel } from '../operators/PinsPanel';
import { UnitsTab } from './UnitsTab';
import './commandPost.css';

/** A tab label with a warning mark when something there holds up the plan. */
function label(text: string, warning: string | null) {
  return (
    <span>
      {text}
      {warning && (
        <Tooltip title={warning}>
          <ExclamationCircleFilled aria-label={warning} style={{ color: '#d46b08', marginLeft: 6, marginRight: 0 }} />
        </Tooltip>
      )}
    </span>
  );
}

export function CommandPostSection({ operation }: { operation: OperationSummary }) {
  const [tab, setTab] = useState('household');
  const data = useLiveQuery(() => loadCommandPost(db, operation.id), [operation.id]);

  if (!data) return <Spin style={{ margin: 48 }} />;
  const leaderless = groupsWithoutLeader(data.workingGroups).length;
  const props = { operation, data };
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'household', label: '被执行人及家庭', children: <HouseholdTab {...props} /> },
        {
          key: 'units',
          label: label('成员单位与人员', data.people.length === 0 ? '尚未登记人员' : null),
          children: <UnitsTab {...props} />,
        },
        {
          key: 'groups',
          label: label('工作小组', leaderless > 0 ? `${leaderless} 个小组未指定组长` : null),
          children: <GroupsTab {...props} />,
        },
        {
          key: 'command',
          label: label('现场执行指挥', operation.onSiteCommanderId ? null : '尚未指定现场执行指挥'),
          children: <CommandTab {...props} />,
        },
        { key: 'chart', label: '组织架构图', children: <OrgChart {...props} /> },
        { key: 'pins', label: '登录 PIN', children: <PinsPanel {...props} /> },
      ]}
    />
  );
}
