// DOM. Editing a draft's wording before it is issued; every change is saved at once.
import { Col, Form, Input, InputNumber, Row } from 'antd';
import { selfPerformanceWording, type ServedDocument } from '../../../shared/documents/records';
import { DraftShell, useDraft } from './DraftShell';

const noticeParagraphLabels = {
  basis: '理由和依据',
  content: '强制执行的内容',
  methodAndTime: '强制执行的方式和时间',
  selfPerformance: '自行履行期限',
  consequences: '逾期不履行的法律后果',
  remedy: '救济途径',
  closing: '结束语',
} as const;

export function DraftEditor({ draft, leadUnit, onClose }: { draft: ServedDocument; leadUnit: string; onClose: () => void }) {
  const [current, change, error] = useDraft(draft);

  return (
    <DraftShell draft={current} saveError={error} onClose={onClose}>
      <Form layout="vertical">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="发文机关代字（文号前缀）" extra="签发时自动编号，如 临江强执告〔2026〕1号">
              <Input
                aria-label="发文机关代字"
                value={current.issuerCode}
                onChange={(e) => change({ ...current, issuerCode: e.target.value.trim() })}
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="发文机关">
              <Input
                aria-label="发文机关"
                value={current.data.issuer}
                onChange={(e) => change({ ...current, data: { ...current.data, issuer: e.target.value } } as ServedDocument)}
              />
            </Form.Item>
          </Col>
          {current.kind === 'notice' && (
            <Col span={6}>
              <Form.Item label="自行履行期限（送达次日起算，日）">
                <InputNumber
                  aria-label="自行履行期限天数"
                  min={1}
                  max={60}
                  value={current.selfPerformanceDays}
                  onChange={(v) => {
                    const days = v ?? current.selfPerformanceDays;
                    change({
                      ...current,
                      selfPerformanceDays: days,
                      data: { ...current.data, text: { ...current.data.text, selfPerformance: selfPerformanceWording(days, leadUnit) } },
                    });
                  }}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        {current.kind === 'notice'
          ? (Object.keys(noticeParagraphLabels) as (keyof typeof noticeParagraphLabels)[]).map((key) => (
              <Form.Item key={key} label={noticeParagraphLabels[key]}>
                <Input.TextArea
                  aria-label={noticeParagraphLabels[key]}
                  autoSize={{ minRows: 1, maxRows: 8 }}
                  value={current.data.text[key]}
                  onChange={(e) => change({ ...current, data: { ...current.data, text: { ...current.data.text, [key]: e.target.value } } })}
                />
              </Form.Item>
            ))
          : (
            <>
              <Form.Item label="开头（依据）">
                <Input.TextArea
                  aria-label="开头（依据）"
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  value={current.data.text.preamble}
                  onChange={(e) => change({ ...current, data: { ...current.data, text: { ...current.data.text, preamble: e.target.value } } })}
                />
              </Form.Item>
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
            </>
          )}
      </Form>
    </DraftShell>
  );
}
