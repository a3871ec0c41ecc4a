// DOM. Fast keyboard entry of items in one room: type the name, Enter adds it and the
// next label number is filled in; quantity, unit and condition carry over as defaults.
// The row is kept as a draft, so a reload loses nothing typed.
import { useEffect, useRef, useState } from 'react';
import { App, AutoComplete, Button, Checkbox, Input, InputNumber, Space, type InputRef } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { InventoryDestination } from '../../../shared/inventory/types';
import { db } from '../data/db';
import { readDraft, saveDraft } from '../data/drafts';
import { errorText } from '../ui/errors';
import { addItem } from './repository';
import { useActor } from '../operators/session';

export const unitOptions = ['件', '箱', '台', '套', '张', '个', '袋', '把', '捆', '床'].map((value) => ({ value }));
export const conditionOptions = ['完好', '轻微磨损', '有划痕', '有破损', '已损坏', '无法开启'].map((value) => ({ value }));

interface EntryValues {
  tag: string;
  name: string;
  quantity: number | null;
  unit: string;
  condition: string;
  note: string;
  /** 贵重物品: listed apart on the 物品清单. */
  valuable: boolean;
}

const fresh = (keep?: Partial<EntryValues>): EntryValues => ({
  tag: '',
  name: '',
  quantity: 1,
  unit: keep?.unit || '件',
  condition: keep?.condition || '完好',
  note: '',
  valuable: false,
});

export function ItemEntry({
  operationId,
  roomId,
  suggestedTag,
  destination,
}: {
  operationId: string;
  roomId: string;
  /** The next free label number in this room. */
  suggestedTag: string;
  /** Where new items go, when chosen above the table. */
  destination: InventoryDestination | undefined;
}) {
  const { message } = App.useApp();
  const draftKey = `inventoryEntry:${operationId}`;
  const who = useActor(operationId);
  const [values, setValues] = useState<EntryValues>(fresh());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const nameRef = useRef<InputRef>(null);

  useEffect(() => {
    void readDraft(db, draftKey).then((draft) => {
      if (draft && typeof draft === 'object') setValues((v) => ({ ...v, ...(draft as Partial<EntryValues>), tag: '' }));
    });
  }, [draftKey]);

  const change = (patch: Partial<EntryValues>) => {
    setValues((v) => {
      const next = { ...v, ...patch };
      void saveDraft(db, draftKey, next);
      return next;
    });
    setErrors((e) => {
      const rest = { ...e };
      for (const key of Object.keys(patch)) delete rest[key];
      return rest;
    });
  };

  // The label number follows the room until the user types one of their own.
  const tag = values.tag || suggestedTag;

  const submit = async () => {
    if (saving) return;
    setSaving(true);
    try {
      const result = await addItem(db, who, operationId, {
        roomId,
        tag,
        name: values.name,
        quantity: values.quantity ?? Number.NaN,
        unit: values.unit,
        condition: values.condition,
        note: values.note,
        valuable: values.valuable,
        ...(destination?.address.trim() ? { destination } : {}),
      });
      if (!result.ok) {
        setErrors(result.errors);
        message.error(Object.values(result.errors)[0] ?? '内容不完整');
        return;
      }
      // A name typed while saving is the next item's: keep it.
      setValues((current) => {
        const next = current.name === values.name ? fresh(current) : { ...current, tag: '' };
        void saveDraft(db, draftKey, next);
        return next;
      });
      setErrors({});
      nameRef.current?.focus();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };
  const status = (field: string) => (errors[field] ? ('error' as const) : undefined);

  return (
    <div onKeyDown={onEnter}>
      <Space.Compact size="small" style={{ width: '100%' }}>
        <Input
          aria-label="标签号"
          style={{ width: 100 }}
          value={tag}
          status={status('tag')}
          onChange={(e) => change({ tag: e.target.value })}
        />
        <Input
          ref={nameRef}
          aria-label="物品名称"
          placeholder="物品名称，回车添加"
          style={{ flex: 1 }}
          value={values.name}
          status={status('name')}
          onChange={(e) => change({ name: e.target.value })}
          autoFocus
        />
        <InputNumber
          aria-label="数量"
          style={{ width: 80 }}
          min={0}
          value={values.quantity}
          status={status('quantity')}
          onChange={(v) => change({ quantity: typeof v === 'number' ? v : null })}
        />
        <AutoComplete
          aria-label="单位"
          style={{ width: 80 }}
          options={unitOptions}
          value={values.unit}
          status={status('unit')}
          onChange={(v: string) => change({ unit: v })}
        />
        <AutoComplete
          aria-label="状况"
          style={{ width: 120 }}
          options={conditionOptions}
          value={values.condition}
          onChange={(v: string) => change({ condition: v })}
        />
        <Input aria-label="备注" placeholder="备注" style={{ width: 160 }} value={values.note} onChange={(e) => change({ note: e.target.value })} />
        <Checkbox aria-label="贵重物品" checked={values.valuable} onChange={(e) => change({ valuable: e.target.checked })} style={{ padding: '0 8px', alignSelf: 'center' }}>
          贵重
        </Checkbox>
        <Button type="primary" icon={<PlusOutlined />} loading={saving} onClick={() => void submit()}>
          添加
        </Button>
      </Space.Compact>
      {Object.keys(errors).length > 0 ? (
        <div role="alert" data-testid="entry-errors" style={{ color: '#cf1322', fontSize: 12, marginTop: 4 }}>
          {Object.values(errors).join('；')}
        </div>
      ) : null}
    </div>
  );
}
