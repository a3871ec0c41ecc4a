// DOM. Editing a served document's draft before it is issued: its issuer, the settings its
// wording states (period, enforcement time, demolition day) and every paragraph. Every
// change is kept on this station until 保存; a setting rewrites only the paragraphs that state it.
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { formatChineseDate } from '../../../shared/operation/formats';
import { MAX_PERIOD_DAYS } from '../../../shared/documents/drafting';
import { demolitionNoticeParagraphKeys, unitLetterParagraphKeys } from '../../../shared/documents/demolition/demolitionText';
import { noticeParagraphKeys, type EnforcementWindow } from '../../../shared/documents/notice/noticeText';
import type { ServedDocument } from '../../../shared/documents/records';
import type { DraftSettings } from '../../../shared/documents/drafting';
import { db } from '../data/db';
import { DraftShell, useDraft } from './DraftShell';
import { draftWithSettings, regenerateDraft } from './repository';

const noticeLabels: Record<(typeof noticeParagraphKeys)[number] | 'closing', string> = {
  basis: '理由和依据',
  content: '强制执行的内容',
  compensation: '补偿安置（专户或提存、安置房屋）',
  methodAndTime: '强制执行的方式和时间',
  selfPerformance: '自行履行期限',
  storage: '搬出物品的存放和领取',
  consequences: '逾期不履行的法律后果',
  remedy: '救济途径和意见反映',
  contact: '联系人及电话',
  closing: '结束语',
};
const demolitionLabels: Record<(typeof demolitionNoticeParagraphKeys)[number] | 'closing', string> = {
  basis: '理由和依据',
  content: '拆除事项',
  safety: '遗留物品和安全措施',
  remedy: '救济途径和意见反映',
  contact: '联系人及电话',
  closing: '结束语',
};
const letterLabels: Record<(typeof unitLetterParagraphKeys)[number] | 'closing', string> = {
  body: '正文',
  requests: '请求事项',
  contact: '联系人及电话',
  closing: '结束语',
};

/** One text area of the wording. */
function Paragraph({ label, value, onChange, rows = 1 }: { label: string; value: string; onChange: (v: string) => void; rows?: number }) {
  return (
    <Form.Item label={label}>
      <Input.TextArea aria-label={label} autoSize={{ minRows: rows, maxRows: 8 }} value={value} onChange={(e) => onChange(e.target.value)} />
    </Form.Item>
  );
}

const toDayjs = (v: string) => (v ? dayjs(v.slice(0, 16)) : null);
const fromDayjs = (d: Dayjs | null) => (d ? `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00` : '');

/** 执行开始 / 预计结束, in Beijing time. */
function WindowFields({ value, onChange }: { value: EnforcementWindow; onChange: (w: EnforcementWindow) => void }) {
  return (
    <>
      <Col span={6}>
        <Form.Item label="强制执行开始时间" extra="须与定稿预案一致">
          <DatePicker
            aria-label="强制执行开始时间"
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            value={toDayjs(value.start)}
            onChange={(d) => onChange({ ...value, start: fromDayjs(d) })}
          />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item label="预计结束时间">
          <DatePicker
            aria-label="预计结束时间"
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            value={toDayjs(value.end)}
            onChange={(d) => onChange({ ...value, end: fromDayjs(d) })}
          />
        </Form.Item>
      </Col>
    </>
  );
}

/** A period in days: any whole number may be typed, so a wrong one is shown, never silently changed. */
function DaysField({ label, value, onChange }: { label: string; value: number | undefined; onChange: (days: number) => void }) {
  const wrong = value === undefined || !Number.isInteger(value) || value < 1 || value > MAX_PERIOD_DAYS;
  return (
    <Form.Item
      label={label}
      validateStatus={wrong ? 'error' : undefined}
      help={wrong ? `期限应为 1 至 ${MAX_PERIOD_DAYS} 的整数天数` : undefined}
    >
      <InputNumber aria-label={label} precision={0} value={value} onChange={(v) => v !== null && onChange(v)} style={{ width: '100%' }} />
    </Form.Item>
  );
}

export function DraftEditor({ draft, issuers, onClose }: { draft: ServedDocument; issuers: string[]; onClose: () => void }) {
  const { message } = App.useApp();
  const state = useDraft(draft);
  const { current, change } = state;
  const settings = (next: DraftSettings) => state.update((d) => draftWithSettings(db, d, next));
  const regenerate = () =>
    state.update((d) => regenerateDraft(db, d)).then((ok) => ok && message.success('已按最新记录重新生成正文（尚未保存）'));
  const setText = (key: string, value: string) =>
    change({ ...current, data: { ...current.data, text: { ...current.data.text, [key]: value } } } as ServedDocument);

  return (
    <DraftShell
      state={state}
      onClose={onClose}
      extraActions={
        <Popconfirm
          title="按最新记录重新生成正文？"
          description="依据行动的裁定、告知事项和此处的期限、时间重新生成全部段落，此处对段落的修改将被替换。"
          okText="重新生成"
          cancelText="取消"
          onConfirm={regenerate}
        >
          <Button>按最新记录重新生成</Button>
        </Popconfirm>
      }
    >
      <Form layout="vertical" size="small">
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item label="发文机关代字（文号前缀）" extra="签发时自动编号">
              <Input aria-label="发文机关代字" value={current.issuerCode} onChange={(e) => change({ ...current, issuerCode: e.target.value.trim() })} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="发文机关（加盖其印章）" extra="组织实施的人民政府或其指定的牵头单位；临时指挥部无印章，不能发文">
              <Select
                aria-label="发文机关"
                value={current.data.issuer}
                options={issuers.map((name) => ({ value: name, label: name }))}
                onChange={(issuer: string) => change({ ...current, data: { ...current.data, issuer } } as ServedDocument)}
              />
            </Form.Item>
          </Col>
          {current.kind === 'notice' && (
            <Col span={8}>
              <DaysField label="自行履行期限（日，送达次日起算）" value={current.selfPerformanceDays} onChange={(days) => settings({ selfPerformanceDays: days })} />
            </Col>
          )}
          {current.kind === 'announcement' && (
            <Col span={8}>
              <DaysField label="搬离期限（日，公告发布次日起算）" value={current.data.moveOutDays} onChange={(days) => settings({ moveOutDays: days })} />
              {current.data.moveOutEndsOn && (
                <Typography.Text type="secondary" data-testid="move-out-ends">
                  自今日起算，至{formatChineseDate(current.data.moveOutEndsOn)}届满（民诉法第八十五条）
                </Typography.Text>
              )}
            </Col>
          )}
        </Row>
        {(current.kind === 'notice' || current.kind === 'announcement') && (
          <Row gutter={12}>
            <WindowFields value={current.data.enforcement ?? { start: '', end: '' }} onChange={(w) => settings({ enforcement: w })} />
          </Row>
        )}
        {(current.kind === 'demolitionNotice' || current.kind === 'unitLetter') && (
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item label="拆除日期" extra="通知书须在拆除十五日前送达">
                <DatePicker
                  aria-label="拆除日期"
                  style={{ width: '100%' }}
                  value={current.data.demolitionOn ? dayjs(current.data.demolitionOn) : null}
                  onChange={(d) => settings({ demolitionOn: d ? d.format('YYYY-MM-DD') : '' })}
                />
              </Form.Item>
            </Col>
            {current.kind === 'unitLetter' && (
              <Col span={18}>
                <Form.Item label="主送单位">
                  <Input
                    aria-label="主送单位"
                    value={current.data.recipients}
                    onChange={(e) => change({ ...current, data: { ...current.data, recipients: e.target.value } })}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        {current.kind === 'notice' &&
          ([...noticeParagraphKeys, 'closing'] as const).map((key) => (
            <Paragraph key={key} label={noticeLabels[key]} value={current.data.text[key] ?? ''} onChange={(v) => setText(key, v)} />
          ))}
        {current.kind === 'announcement' && (
          <>
            <Paragraph label="开头（依据）" rows={2} value={current.data.text.preamble} onChange={(v) => setText('preamble', v)} />
            {current.data.text.items.map((item, i) => (
              <Form.Item key={i} label={`第 ${i + 1} 项`}>
                <Input.TextArea
                  aria-label={`公告第 ${i + 1} 项`}
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  value={item}
                  onChange={(e) => {
                    const items = current.data.text.items.map((x, j) => (j === i ? e.target.value : x));
                    change({ ...current, data: { ...current.data, text: { ...current.data.text, items } } });
                  }}
                />
              </Form.Item>
            ))}
            <Paragraph label="结束语" value={current.data.text.closing} onChange={(v) => setText('closing', v)} />
          </>
        )}
        {current.kind === 'demolitionNotice' &&
          ([...demolitionNoticeParagraphKeys, 'closing'] as const).map((key) => (
            <Paragraph key={key} label={demolitionLabels[key]} value={current.data.text[key]} onChange={(v) => setText(key, v)} />
          ))}
        {current.kind === 'unitLetter' &&
          ([...unitLetterParagraphKeys, 'closing'] as const).map((key) => (
            <Paragraph key={key} label={letterLabels[key]} value={current.data.text[key]} onChange={(v) => setText(key, v)} />
          ))}
      </Form>
    </DraftShell>
  );
}
