// DOM. 新建强制执行行动: the court ruling, the basis, the authorities, subjects and the
// property. Every keystroke is kept as a draft, so a failed check or a reload loses nothing.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Spin, Typography } from 'antd';
import type { FormInstance, FormItemProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { dateField } from '../ui/dateFields';
import { chinaDate } from '../../../shared/calendar/chinaTime';
import { basisDocumentKinds, validateNewOperation, type NewOperationInput } from '../../../shared/operation/newOperation';
import { basisDocumentKindLabels, issuingBodyLabels, rulingScopeLabels, rulingScopes } from '../../../shared/operation/types';
import { db } from '../data/db';
import { clearDraft, readDraft, saveDraft } from '../data/drafts';
import { errorText } from '../ui/errors';
import { showFieldErrors } from '../ui/formErrors';
import { useRoute } from '../ui/route';
import { createOperation } from './repository';

const DRAFT_KEY = 'newOperation';

const emptySubject = { name: '', idType: 'residentId', idNumber: '', phone: '', address: '' } as const;
const emptyInput: NewOperationInput = {
  courtRuling: { court: '', number: '', date: '', scope: 'relocation', scopeLimit: '' },
  basisDocument: { kind: 'compensationDecision', number: '', date: '' },
  organisingGovernment: '',
  leadUnit: '',
  issuingBody: 'organisingGovernment',
  propertyAddress: '',
  subjects: [{ ...emptySubject }],
};

type FieldPath = (string | number)[];

/** Runs the shared validation over the whole form and reports this one field's message. */
function fieldRule(form: FormInstance<NewOperationInput>, path: FieldPath): NonNullable<FormItemProps['rules']>[number] {
  return {
    validator: async () => {
      const result = validateNewOperation(form.getFieldsValue(true), chinaDate(new Date()));
      const message = result.ok ? undefined : result.errors[path.join('.')];
      if (message) throw new Error(message);
    },
  };
}


interface FieldSpec {
  path: FieldPath;
  label: string;
  span: number;
  control: ReactNode;
  date?: boolean;
  /** Not required (e.g. a limit the ruling may not state). */
  optional?: boolean;
}

/** Sections 一 to 三 of the form: one row of required fields each. */
const headerCards: { title: string; fields: FieldSpec[] }[] = [
  {
    title: '一、法院行政裁定书',
    fields: [
      { path: ['courtRuling', 'court'], label: '作出裁定的人民法院', span: 10, control: <Input placeholder="如：北京市西城区人民法院" autoFocus /> },
      { path: ['courtRuling', 'number'], label: '裁定书文号', span: 8, control: <Input placeholder="如：（2026）京0102行审123号" /> },
      { path: ['courtRuling', 'date'], label: '裁定日期', span: 6, date: true, control: <DatePicker style={{ width: '100%' }} placeholder="选择或输入 2026-03-05" /> },
      {
        path: ['courtRuling', 'scope'],
        label: '裁定准予执行的范围',
        span: 10,
        control: <Radio.Group aria-label="裁定准予执行的范围" options={rulingScopes.map((s) => ({ value: s, label: rulingScopeLabels[s] }))} />,
      },
      {
        path: ['courtRuling', 'scopeLimit'],
        label: '裁定载明的限制（如有）',
        span: 14,
        optional: true,
        control: <Input placeholder="如：不含院内附属建筑物" />,
      },
    ],
  },
  {
    title: '二、执行依据',
    fields: [
      {
        path: ['basisDocument', 'kind'],
        label: '种类',
        span: 10,
        control: <Select options={basisDocumentKinds.map((k) => ({ value: k, label: `《${basisDocumentKindLabels[k]}》` }))} />,
      },
      { path: ['basisDocument', 'number'], label: '文号', span: 8, control: <Input placeholder="如：西城征补决〔2026〕3号" /> },
      { path: ['basisDocument', 'date'], label: '作出日期', span: 6, date: true, control: <DatePicker style={{ width: '100%' }} placeholder="选择或输入日期" /> },
    ],
  },
  {
    title: '三、组织实施',
    fields: [
      { path: ['organisingGovernment'], label: '组织实施的人民政府', span: 8, control: <Input placeholder="如：北京市西城区人民政府" /> },
      { path: ['leadUnit'], label: '牵头单位', span: 8, control: <Input placeholder="如：区住房城市建设委员会" /> },
      { path: ['propertyAddress'], label: '被执行房屋地址', span: 8, control: <Input placeholder="区、街道、门牌号" /> },
      {
        path: ['issuingBody'],
        label: '告知书、公告以谁的名义发出（加盖其印章；临时指挥部无印章，不能发文）',
        span: 24,
        control: <Radio.Group aria-label="发文名义" options={(['organisingGovernment', 'leadUnit'] as const).map((b) => ({ value: b, label: issuingBodyLabels[b] }))} />,
      },
    ],
  },
];

export function NewOperationPage() {
  const [form] = Form.useForm<NewOperationInput>();
  const navigate = useRoute((s) => s.navigate);
  const { message } = App.useApp();
  const [restored, setRestored] = useState<'loading' | 'empty' | 'restored'>('loading');
  const [saving, setSaving] = useState(false);
  const [draftError, setDraftError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    readDraft(db, DRAFT_KEY).then(
      (draft) => {
        if (!live) return;
        if (draft && typeof draft === 'object') {
          form.setFieldsValue({ ...emptyInput, ...(draft as NewOperationInput) });
          setRestored('restored');
        } else {
          setRestored('empty');
        }
      },
      (e: unknown) => {
        setDraftError(errorText(e));
        setRestored('empty');
      },
    );
    return () => {
      live = false;
    };
  }, [form]);

  const keepDraft = () => {
    saveDraft(db, DRAFT_KEY, form.getFieldsValue(true)).then(
      () => setDraftError(null),
      (e: unknown) => setDraftError(errorText(e)),
    );
  };

  const discardDraft = async () => {
    await clearDraft(db, DRAFT_KEY);
    form.resetFields();
    setRestored('empty');
  };

  const submit = async () => {
    const values = form.getFieldsValue(true);
    const result = validateNewOperation(values, chinaDate(new Date()));
    if (!result.ok) {
      showFieldErrors(form, result.errors);
      message.error(`有 ${Object.keys(result.errors).length} 处需要修改，已填写的内容均已保留`);
      return;
    }
    setSaving(true);
    try {
      const id = await createOperation(db, result.values);
      await clearDraft(db, DRAFT_KEY);
      message.success('行动已创建');
      navigate({ page: 'workspace', operationId: id, section: 'overview' });
    } catch (e) {
      message.error(`保存失败：${errorText(e)}（已填写的内容仍保留在草稿中）`);
    } finally {
      setSaving(false);
    }
  };

  if (restored === 'loading') return <Spin style={{ margin: 48 }} />;

  const item = (path: FieldPath, label: string, extra?: Partial<FormItemProps>) => ({
    name: path,
    label,
    rules: [fieldRule(form, path)],
    validateTrigger: 'onBlur',
    ...extra,
  });

  return (
    <div className="page" style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} className="page-title">
        新建强制执行行动
      </Typography.Title>
      {restored === 'restored' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="已恢复上次未提交的填写内容"
          action={
            <Button size="small" onClick={discardDraft}>
              清空重填
            </Button>
          }
        />
      )}
      {draftError && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`草稿未能保存：${draftError}`} />
      )}
      <Form<NewOperationInput>
        form={form}
        layout="vertical"
        initialValues={emptyInput}
        onValuesChange={keepDraft}
        onFinish={submit}
        onFinishFailed={({ errorFields }) =>
          message.error(`有 ${errorFields.length} 处需要修改，已填写的内容均已保留`)
        }
        requiredMark
        scrollToFirstError
      >
        {headerCards.map((card) => (
          <Card key={card.title} size="small" title={card.title} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              {card.fields.map((f) => (
                <Col span={f.span} key={f.path.join('.')}>
                  <Form.Item {...item(f.path, f.label, f.date ? dateField : undefined)} required={!f.optional}>
                    {f.control}
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
        ))}
        <Card size="small" title="四、被执行人" style={{ marginBottom: 12 }}>
          <Form.List name="subjects">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={12} key={field.key} align="top">
                    <Col span={4}>
                      <Form.Item {...item(['subjects', index, 'name'], `被执行人 ${index + 1}`)} name={[field.name, 'name']} required>
                        <Input placeholder="姓名或名称" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item {...item(['subjects', index, 'idType'], '证件类型')} name={[field.name, 'idType']}>
                        <Select
                          options={[
                            { value: 'residentId', label: '居民身份证' },
                            { value: 'other', label: '其他证件' },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item {...item(['subjects', index, 'idNumber'], '证件号码')} name={[field.name, 'idNumber']}>
                        <Input placeholder="可稍后补充" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item {...item(['subjects', index, 'phone'], '联系电话')} name={[field.name, 'phone']}>
                        <Input placeholder="可稍后补充" />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item {...item(['subjects', index, 'address'], '住址')} name={[field.name, 'address']}>
                        <Input placeholder="可稍后补充" />
                      </Form.Item>
                    </Col>
                    <Col span={1} style={{ paddingTop: 30 }}>
                      <Button
                        aria-label={`删除被执行人 ${index + 1}`}
                        icon={<DeleteOutlined />}
                        disabled={fields.length === 1}
                        onClick={() => {
                          remove(field.name);
                          keepDraft();
                        }}
                      />
                    </Col>
                  </Row>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => {
                    add({ ...emptySubject });
                    keepDraft();
                  }}
                >
                  添加被执行人
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            创建行动
          </Button>
          <Button onClick={() => navigate({ page: 'operations' })}>返回列表（草稿保留）</Button>
        </Space>
      </Form>
    </div>
  );
}
