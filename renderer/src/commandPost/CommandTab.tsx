// DOM. 现场执行指挥: who commands on site and who deputises, stored on the operation.
// Each choice is saved at once as a logged command change (指挥调整); a refused one shows why
// and the stored choice stays. The first commander is designated by the station setting the
// operation up; after that only the commander hands command over, to someone who has a PIN
// here, so nobody can make themselves commander and the post is never left empty.
import { useState } from 'react';
import { Alert, App, Card, Col, Descriptions, Empty, Form, Row, Select } from 'antd';
import { personRoles } from '../../../shared/commandPost/rules';
import type { CommandAssignment, Person } from '../../../shared/commandPost/types';
import type { FieldErrors } from '../../../shared/operation/newOperation';
import { db } from '../data/db';
import type { OperationSummary } from '../operation/repository';
import { errorText } from '../ui/errors';
import { noPeopleText, personOptions } from './personOptions';
import { setCommand, type CommandPostData } from './repository';
import { useRefusal } from '../operators/useRefusal';
import { useEnrolled } from '../operators/pins';
import { Masked } from '../ui/Masked';

function PersonCard({ title, person, data, operationId }: { title: string; person?: Person; data: CommandPostData; operationId: string }) {
  return (
    <Card size="small" title={title}>
      {person ? (
        <Descriptions size="small" column={1} styles={{ label: { width: 80 } }}>
          <Descriptions.Item label="姓名">{person.name}</Descriptions.Item>
          <Descriptions.Item label="单位">{data.memberUnits.find((u) => u.id === person.memberUnitId)?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="职务">{person.post || '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">
            <Masked operationId={operationId} value={person.phone} kind="phone" whose={person.name} />
          </Descriptions.Item>
          <Descriptions.Item label="工作证号">{person.badgeNumber || '—'}</Descriptions.Item>
          <Descriptions.Item label="培训">{person.training ? `${person.training.course}（${person.training.date}）` : '无培训记录'}</Descriptions.Item>
          <Descriptions.Item label="其他分工">
            {personRoles(person.id, data.workingGroups, {})
              .map((r) => r.label)
              .join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未指定" />
      )}
    </Card>
  );
}

export function CommandTab({ operation, data }: { operation: OperationSummary; data: CommandPostData }) {
  const { message } = App.useApp();
  const [errors, setErrors] = useState<FieldErrors>({});
  const { onSiteCommanderId, deputyCommanderId } = operation;
  // Only the commander designates the deputy; others see why the field is locked.
  const { actor: who, refusal } = useRefusal(operation.id);
  const enrolled = useEnrolled(operation.id);
  const cannotDesignate = onSiteCommanderId ? refusal({ kind: 'designateDeputy' }) : '请先指定现场执行指挥，再由其指定副指挥';
  const cannotHandOver = onSiteCommanderId ? refusal({ kind: 'designateCommander' }) : null;
  const byId = (id?: string) => data.people.find((p) => p.id === id);
  const options = personOptions(data.people, data.memberUnits);
  // Command goes only to someone who can sign in here afterwards.
  const commanderOptions = onSiteCommanderId
    ? options.map((o) => (o.value === onSiteCommanderId || enrolled?.includes(o.value) ? o : { ...o, label: `${o.label}（未登记 PIN）`, disabled: true }))
    : options;

  const save = async (change: CommandAssignment, done: string) => {
    try {
      const result = await setCommand(db, operation.id, { onSiteCommanderId, deputyCommanderId, ...change }, who, enrolled ?? []);
      setErrors(result.ok ? {} : result.errors);
      if (result.ok) message.success(done);
    } catch (e) {
      message.error(`保存失败：${errorText(e)}`);
    }
  };

  const field = (key: keyof FieldErrors) => ({
    validateStatus: errors[key] ? ('error' as const) : undefined,
    help: errors[key],
  });

  return (
    <>
      {!onSiteCommanderId && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="尚未指定现场执行指挥"
          description="现场执行指挥负责组织实施预案，宣布执行开始、停止、恢复和完毕。指定之前，预案不能定稿。第一任现场执行指挥由设立本行动的工作站指定（记入执行日志）；指定后进入本行动须登录：现场执行指挥首次登录时设置本人 PIN，再在“登录 PIN”中为其他人员登记。"
        />
      )}
      <Form layout="horizontal" labelCol={{ flex: '110px' }} style={{ maxWidth: 720 }}>
        <Form.Item
          label="现场执行指挥"
          htmlFor="cp-commander"
          required
          extra={onSiteCommanderId ? (cannotHandOver ?? '移交指挥：只能移交给已在本工作站登记 PIN 的人员；移交记入执行日志（指挥调整），本人不能自任。') : undefined}
          {...field('onSiteCommanderId')}
        >
          <Select
            id="cp-commander"
            disabled={!!cannotHandOver}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="从人员名单中选择"
            notFoundContent={noPeopleText}
            value={onSiteCommanderId}
            options={commanderOptions}
            onChange={(v: string) => save({ onSiteCommanderId: v }, `已指定${byId(v)?.name ?? ''}为现场执行指挥`)}
          />
        </Form.Item>
        <Form.Item
          label="副指挥"
          htmlFor="cp-deputy"
          extra={cannotDesignate ?? '可选。由现场执行指挥指定，不在位时代为指挥；指定和取消都记入执行日志。'}
          {...field('deputyCommanderId')}
        >
          <Select
            id="cp-deputy"
            disabled={!!cannotDesignate}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="从人员名单中选择（可不选）"
            notFoundContent={noPeopleText}
            value={deputyCommanderId}
            options={options.filter((o) => o.value !== onSiteCommanderId)}
            onChange={(v?: string) =>
              save({ deputyCommanderId: v }, v ? `已指定${byId(v)?.name ?? ''}为副指挥` : '已取消副指挥')
            }
          />
        </Form.Item>
      </Form>
      <Row gutter={12} style={{ maxWidth: 900 }}>
        <Col span={12}>
          <PersonCard title="现场执行指挥" person={byId(onSiteCommanderId)} data={data} operationId={operation.id} />
        </Col>
        <Col span={12}>
          <PersonCard title="副指挥" person={byId(deputyCommanderId)} data={data} operationId={operation.id} />
        </Col>
      </Row>
    </>
  );
}
