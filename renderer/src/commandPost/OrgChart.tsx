// DOM. 组织架构图: the command post, its commander and deputy, and one box per working
// group with leader and head count. A group without a leader is drawn in warning colour.
import { Typography } from 'antd';
import { operationTitle } from '../../../shared/operation/newOperation';
import type { Person } from '../../../shared/commandPost/types';
import type { OperationSummary } from '../operation/repository';
import type { CommandPostData } from './repository';

export function OrgChart({ operation, data }: { operation: OperationSummary; data: CommandPostData }) {
  const person = (id?: string) => data.people.find((p) => p.id === id);
  const unitName = (p: Person) => data.memberUnits.find((u) => u.id === p.memberUnitId)?.name ?? '';
  const commander = person(operation.onSiteCommanderId);
  const deputy = person(operation.deputyCommanderId);

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        橙色虚线框：尚未指定组长或现场执行指挥。人员和分工在前几个标签页中修改，此图随之更新。
      </Typography.Paragraph>
      <figure className="cp-org" aria-label="组织架构图" style={{ margin: 0 }}>
        <div className="cp-org-inner">
          <div className="cp-org-box cp-org-post">
            <div className="cp-org-title">{operationTitle(operation.subjects.map((s) => s.name))}强制执行临时指挥部</div>
            <div className="cp-org-sub">
              {operation.organisingGovernment}组织实施 · 牵头单位：{operation.leadUnit}
            </div>
          </div>
          <div className="cp-org-stem" />
          <div className={`cp-org-box cp-org-command${commander ? '' : ' cp-org-missing'}`} data-testid="org-commander">
            <div className="cp-org-label">现场执行指挥</div>
            {commander ? (
              <>
                <div className="cp-org-name">{commander.name}</div>
                <div className="cp-org-sub">{[unitName(commander), commander.post].filter(Boolean).join(' ')}</div>
              </>
            ) : (
              <div className="cp-org-warn">未指定</div>
            )}
            {deputy && (
              <div className="cp-org-deputy">
                <span className="cp-org-label">副指挥 </span>
                {deputy.name}
                <span className="cp-org-sub">（{[unitName(deputy), deputy.post].filter(Boolean).join(' ')}）</span>
              </div>
            )}
          </div>
          {data.workingGroups.length > 0 && <div className="cp-org-stem" />}
          <div className="cp-org-groups">
            {data.workingGroups.map((g) => {
              const leader = person(g.leaderId);
              return (
                <div className="cp-org-branch" key={g.id}>
                  <div className={`cp-org-box cp-org-group${leader ? '' : ' cp-org-missing'}`} data-testid="org-group">
                    <div className="cp-org-group-name">{g.name}</div>
                    {leader ? (
                      <>
                        <div>组长 {leader.name}</div>
                        <div className="cp-org-sub">{unitName(leader)}</div>
                      </>
                    ) : (
                      <div className="cp-org-warn">未指定组长</div>
                    )}
                    <div className="cp-org-sub">组员 {g.memberIds.length} 人</div>
                  </div>
                </div>
              );
            })}
          </div>
          <div className="cp-org-units">
            成员单位（{data.memberUnits.length} 个）：{data.memberUnits.map((u) => u.name).join('、') || '尚未登记'}
          </div>
        </div>
      </figure>
    </>
  );
}
