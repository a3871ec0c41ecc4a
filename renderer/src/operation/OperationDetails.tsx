// DOM. What is recorded on the operation after it is created and what the documents read
// from it: the ruling's scope and the issuing body, what the subject is told (补偿款专户或
// 提存, housing, time and manner, belongings, contact), and the costs. Each is edited in a
// dialog whose input is kept as a draft until saved, and each change is logged.
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import {
  formatArea,
  formatYuan,
  type CostsInput,
  type ParticularsInput,
  type RulingDetailsInput,
} from '../../../shared/operation/particulars';
import {
  housingKindLabels,
  issuingBodyLabels,
  issuingBodyName,
  rulingScopeLabels,
  rulingScopeOf,
  rulingScopes,
  type Operation,
} from '../../../shared/operation/types';
import { db } from '../data/db';
import { useActor } from '../operators/session';
import { DraftedDialog } from '../ui/DraftedDialog';
import { saveCosts, saveParticulars, saveRulingDetails } from './repository';

type Editing = 'ruling' | 'particulars' | 'costs' | null;

const DEFAULT_METHOD = '强制搬迁：屋内人员由工作人员护送离开，屋内物品当场清点登记、拍照录像，经公证后封箱运至存放地点';

function particularsInitial(operation: Operation): object {
  return (
    operation.particulars ?? {
      compensation: { arrangement: 'account', bank: '', accountName: '', accountNumber: '', notaryOffice: '', certificateNumber: '' },
      housing: { kind: 'interimHousing', address: '' },
      method: DEFAULT_METHOD,
      storagePlace: '',
      collection: '',
      contactPerson: '',
      contactPhone: '',
    }
  );
}

function ParticularsFields({ form }: { form: FormInstance<ParticularsInput> }) {
  const arrangement = Form.useWatch(['compensation', 'arrangement'], form);
  const housing = Form.useWatch(['housing', 'kind'], form);
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="告知书和公告据此载明：先补偿、后搬迁（《国有土地上房屋征收与补偿条例》第二十七条），补偿金额和专户存储账号、产权调换房屋和周转用房的地点和面积（第二十八条第二款），强制执行的时间和方式，物品存放和领取，联系人。"
      />
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name={['compensation', 'amount']} label="补偿金额（元）">
            <InputNumber aria-label="补偿金额" min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={18}>
          <Form.Item name={['compensation', 'arrangement']} label="补偿款存放">
            <Radio.Group
              options={[
                { value: 'account', label: '专户存储' },
                { value: 'escrow', label: '被执行人拒收，已提存' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      {arrangement === 'escrow' ? (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name={['compensation', 'notaryOffice']} label="办理提存的公证机构">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['compensation', 'certificateNumber']} label="提存公证书编号">
              <Input placeholder="如：（2026）滨临证字第1234号" />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <Row gutter={12}>
          <Col span={7}>
            <Form.Item name={['compensation', 'bank']} label="开户银行">
              <Input />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name={['compensation', 'accountName']} label="户名">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['compensation', 'accountNumber']} label="专户账号">
              <Input aria-label="专户账号" placeholder="8 至 32 位数字，可含空格" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name={['housing', 'kind']} label="安置房屋">
            <Select aria-label="安置房屋" options={(Object.keys(housingKindLabels) as (keyof typeof housingKindLabels)[]).map((k) => ({ value: k, label: housingKindLabels[k] }))} />
          </Form.Item>
        </Col>
        {housing !== 'none' && (
          <>
            <Col span={12}>
              <Form.Item name={['housing', 'address']} label="房屋地址">
                <Input aria-label="安置房屋地址" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['housing', 'area']} label="建筑面积（平方米）">
                <InputNumber aria-label="建筑面积" min={0} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Form.Item name="method" label="强制执行的方式">
        <Input.TextArea aria-label="强制执行的方式" autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="storagePlace" label="搬出物品的存放地点">
            <Input aria-label="物品存放地点" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="collection" label="物品领取方式">
            <Input aria-label="物品领取方式" placeholder="如：凭身份证件于工作日9时至17时到存放地点清点领取" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="contactPerson" label="联系人（姓名、单位）">
            <Input aria-label="联系人" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactPhone" label="联系电话">
            <Input aria-label="联系电话" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 裁定范围、告知事项、执行费用: shown, and edited by the command. */
export function OperationDetails({ operation }: { operation: Operation }) {
  const actor = useActor(operation.id);
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const p = operation.particulars;
  const c = p?.compensation;
  return (
    <Card
      size="small"
      title="裁定范围和告知事项"
      extra={
        <Space>
          <Button size="small" onClick={() => setEditing('ruling')}>
            编辑裁定范围和发文名义
          </Button>
          <Button size="small" type={p ? 'default' : 'primary'} onClick={() => setEditing('particulars')}>
            编辑告知事项
          </Button>
          <Button size="small" onClick={() => setEditing('costs')}>
            记录执行费用
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={2} bordered styles={{ label: { width: 130 } }}>
        <Descriptions.Item label="裁定执行范围">
          <span data-testid="ruling-scope">
            {rulingScopeLabels[rulingScopeOf(operation.courtRuling)]}
            {operation.courtRuling.scopeLimit ? `（${operation.courtRuling.scopeLimit}）` : ''}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="发文机关">{issuingBodyName(operation)}</Descriptions.Item>
        <Descriptions.Item label="补偿款" span={2}>
          {c
            ? c.arrangement === 'account'
              ? `${formatYuan(c.amount)}，专户：${c.bank}，${c.accountName}，账号 ${c.accountNumber}`
              : `${formatYuan(c.amount)}，已提存于${c.notaryOffice}（${c.certificateNumber}）`
            : '未填写'}
        </Descriptions.Item>
        <Descriptions.Item label="安置房屋">{p ? (p.housing.kind === 'none' ? housingKindLabels.none : `${housingKindLabels[p.housing.kind]}：${p.housing.address}，${formatArea(p.housing.area)}`) : '未填写'}</Descriptions.Item>
        <Descriptions.Item label="联系人">{p ? `${p.contactPerson}，${p.contactPhone}` : '未填写'}</Descriptions.Item>
        <Descriptions.Item label="物品存放">{p ? `${p.storagePlace}；${p.collection}` : '未填写'}</Descriptions.Item>
        <Descriptions.Item label="执行费用">{operation.costs ? `${formatYuan(operation.costs.amount)}，由${operation.costs.bearer}承担` : '未记录'}</Descriptions.Item>
      </Descriptions>
      {editing === 'ruling' && (
        <DraftedDialog<RulingDetailsInput>
          title="裁定执行范围和发文名义"
          draftKey={`rulingDetails:${operation.id}`}
          initialValues={{ scope: rulingScopeOf(operation.courtRuling), scopeLimit: operation.courtRuling.scopeLimit ?? '', issuingBody: operation.issuingBody ?? 'organisingGovernment' } satisfies RulingDetailsInput}
          save={(values) => saveRulingDetails(db, operation.id, values, actor)}
          done="已保存裁定执行范围和发文名义"
          onClose={close}
        >
          {() => (
            <>
              <Form.Item name="scope" label="裁定准予执行的范围（法释〔2012〕4号第九条：依裁定组织实施，不得超出）">
                <Radio.Group options={rulingScopes.map((s) => ({ value: s, label: rulingScopeLabels[s] }))} />
              </Form.Item>
              <Form.Item name="scopeLimit" label="裁定载明的限制（如有）">
                <Input.TextArea aria-label="裁定载明的限制" autoSize={{ minRows: 1, maxRows: 3 }} />
              </Form.Item>
              <Form.Item name="issuingBody" label="告知书、公告和情况报告以谁的名义发出（加盖其印章）" extra="临时指挥部不具有法人资格，也没有印章，不能作为发文机关">
                <Radio.Group
                  options={(['organisingGovernment', 'leadUnit'] as const).map((b) => ({
                    value: b,
                    label: `${issuingBodyLabels[b]}：${b === 'leadUnit' ? operation.leadUnit : operation.organisingGovernment}`,
                  }))}
                />
              </Form.Item>
            </>
          )}
        </DraftedDialog>
      )}
      {editing === 'particulars' && (
        <DraftedDialog<ParticularsInput>
          title="告知事项"
          draftKey={`particulars:${operation.id}`}
          initialValues={particularsInitial(operation)}
          save={(values) => saveParticulars(db, operation.id, values, actor)}
          done="已保存告知事项"
          onClose={close}
        >
          {(form) => <ParticularsFields form={form} />}
        </DraftedDialog>
      )}
      {editing === 'costs' && (
        <DraftedDialog<CostsInput>
          title="执行费用（行政强制法第六十条）"
          draftKey={`costs:${operation.id}`}
          initialValues={operation.costs ?? { bearer: '被执行人', note: '' }}
          save={(values) => saveCosts(db, operation.id, values, actor)}
          done="已记录执行费用"
          onClose={close}
        >
          {() => (
            <Row gutter={12}>
              <Col span={6}>
                <Form.Item name="amount" label="金额（元）">
                  <InputNumber aria-label="执行费用金额" min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={18}>
                <Form.Item name="bearer" label="由谁承担" extra="行政强制法第六十条：强制执行的费用由被执行人承担；本地规定纳入项目成本的，写明承担单位">
                  <Input aria-label="费用承担人" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="note" label="费用构成和依据">
                  <Input.TextArea aria-label="费用构成和依据" autoSize={{ minRows: 1, maxRows: 3 }} placeholder="如：搬运 2 车次、仓储 30 日、公证费" />
                </Form.Item>
              </Col>
            </Row>
          )}
        </DraftedDialog>
      )}
    </Card>
  );
}
