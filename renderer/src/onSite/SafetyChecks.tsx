// DOM. 拆除前核查: the acts the console requires before 拆除 — the house cleared, the supplies
// isolated by their units (only once the house is cleared), a roll call — each a log entry of
// the demolition group, shown with its time; the 拆除开始 gate reads them.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { safetyCheckCodes, safetyChecks, utilityKinds, type SafetyCheckCode, type SafetyCheckInput, type UtilityKind } from '../../../shared/onSite/safety';
import type { OnSiteState } from '../../../shared/onSite/state';
import { db } from '../data/db';
import { useAct } from '../ui/useRecordForm';
import { recordSafetyCheck, type Recorder } from './repository';

export function SafetyChecksCard({ who, state, blocked }: { who: Recorder; state: OnSiteState; blocked: (check: SafetyCheckCode) => string | null }) {
  const [open, setOpen] = useState<SafetyCheckCode | null>(null);
  return (
    <Card size="small" title="拆除前核查（房屋拆除组）" data-testid="safety-checks">
      <Space wrap>
        {safetyCheckCodes.map((code) => {
          const done = state.safetyChecks[code];
          const why = blocked(code);
          return (
            <Tooltip key={code} title={why ?? safetyChecks[code].hint}>
              <Button disabled={!!why} onClick={() => setOpen(code)} aria-label={safetyChecks[code].label}>
                {safetyChecks[code].label}
                {done && <span style={{ marginLeft: 6, color: '#389e0d' }}>✓ {done.occurredAt.slice(11, 16)}</span>}
              </Button>
            </Tooltip>
          );
        })}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        裁定准予拆除的，须先确认房屋已腾空，再由供水、供电、供气、供热单位断开房屋的供应，并在拆除前清点人员，方可记录“拆除开始”。
      </Typography.Paragraph>
      {open && <SafetyCheckModal who={who} check={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function SafetyCheckModal({ who, check, onClose }: { who: Recorder; check: SafetyCheckCode; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [utilities, setUtilities] = useState<UtilityKind[]>([]);
  const [units, setUnits] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { saving, run } = useAct(onClose);
  const label = safetyChecks[check].label;
  const input = (): SafetyCheckInput =>
    check === 'utilitiesIsolated' ? { check, utilities, units, note } : { check, note };
  const submit = () =>
    run(async () => {
      const result = await recordSafetyCheck(db, who, input());
      if (result.ok) return true;
      setErrors(result.errors);
      return false;
    }, `已记录：${label}`);
  const noteLabel = check === 'rollCall' ? '清点结果' : check === 'houseCleared' ? '核实情况' : '说明';
  return (
    <Modal open title={label} okText="记录" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden width={620}>
      {check === 'utilitiesIsolated' && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="房屋已腾空，为拆除安全断开供应；不得以停止供水、供电、供热、供气迫使搬迁（《行政强制法》第四十三条第二款，无紧急例外）。"
          />
          <Checkbox.Group
            aria-label="已断开的供应"
            value={utilities}
            onChange={(v) => setUtilities(v as UtilityKind[])}
            options={Object.entries(utilityKinds).map(([value, text]) => ({ value, label: text }))}
          />
          {errors['utilities'] && <Typography.Text type="danger" style={{ display: 'block' }}>{errors['utilities']}</Typography.Text>}
          <Input
            style={{ marginTop: 12 }}
            aria-label="实施断开的单位"
            placeholder="实施断开的单位，如 临江供电公司、临江自来水公司"
            value={units}
            status={errors['units'] ? 'error' : undefined}
            onChange={(e) => setUnits(e.target.value)}
          />
          {errors['units'] && <Typography.Text type="danger" style={{ display: 'block' }}>{errors['units']}</Typography.Text>}
        </>
      )}
      <Input.TextArea
        style={{ marginTop: check === 'utilitiesIsolated' ? 12 : 0 }}
        autoFocus={check !== 'utilitiesIsolated'}
        aria-label={noteLabel}
        placeholder={safetyChecks[check].hint}
        autoSize={{ minRows: 2, maxRows: 5 }}
        value={note}
        status={errors['note'] ? 'error' : undefined}
        onChange={(e) => setNote(e.target.value)}
      />
      {errors['note'] && <Typography.Text type="danger">{errors['note']}</Typography.Text>}
    </Modal>
  );
}
