/**
 * 系统设置 → 收费标准 (有偿服务收费标准, REPAIR-3): the prices told to residents for paid repairs of their own
 * part. Admins keep the list; intake and the technician's task show the active items.
 */
import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Segmented, Space, Switch, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { useCursorList } from '../../api/queries';
import { maxLen, priceRule, required } from '../../api/rules';
import type { CreateFeeItemBody, FeeItem, UpdateFeeItemBody } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormDrawer } from '../../components/FormDrawer';
import { DeleteButton, useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';

interface Values {
  name: string;
  unit: string;
  priceYuan: string;
  note?: string;
  sort?: number | null;
  active: boolean;
}

export default function FeeItemsPage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [active, setActive] = useState<'all' | 'true' | 'false'>('all');
  const list = useCursorList(endpoints.settings.listFeeItems, {
    q,
    active: active === 'all' ? undefined : active,
  });
  const [editing, setEditing] = useState<FeeItem | 'new' | null>(null);
  const invalidate = useInvalidate(endpoints.settings.listFeeItems);

  const columns: ColumnsType<FeeItem> = [
    {
      title: t('fee.name'),
      dataIndex: 'name',
      render: (v: string, f) => (
        <>
          {v} {!f.active && <Tag>{t('fee.showInactive')}</Tag>}
          {f.note && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.note}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('fee.price'),
      dataIndex: 'priceYuan',
      align: 'right',
      render: (v: string, f) => (
        <span style={{ whiteSpace: 'nowrap' }}>{t('fee.perUnit', { price: v, unit: f.unit })}</span>
      ),
    },
    { title: t('fee.sort'), dataIndex: 'sort', responsive: ['sm'] },
    // The page is the admin's (route and menu need settings.manage); staff read the list where they need it
    // (FeeStandard on intake and the technician's task).
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, f) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(f)}>
            {t('common.edit')}
          </Button>
          <DeleteButton
            endpoint={endpoints.settings.deleteFeeItem}
            id={f.id}
            name={f.name}
            onDeleted={invalidate}
          />
        </Space>
      ),
    },
  ];

  const current = editing === 'new' ? null : editing;
  const submit = async (v: Values) => {
    const body: CreateFeeItemBody = {
      name: v.name.trim(),
      unit: v.unit.trim(),
      priceYuan: v.priceYuan.trim(),
      note: v.note?.trim() || null,
      sort: v.sort ?? 0,
      active: v.active,
    };
    if (current) {
      const update: UpdateFeeItemBody = { ...body, version: current.version };
      await call(endpoints.settings.updateFeeItem, { params: { id: current.id }, body: update });
    } else await call(endpoints.settings.createFeeItem, { body });
    await invalidate();
  };

  return (
    <>
      <PageHeader
        title={t('nav.feeItems')}
        subTitle={t('fee.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="fee-create"
          >
            {t('fee.create')}
          </Button>
        }
      />
      <Toolbar>
        <Segmented
          value={active}
          onChange={(v) => setActive(v as 'all' | 'true' | 'false')}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'true', label: t('fee.showActive') },
            { value: 'false', label: t('fee.showInactive') },
          ]}
        />
        <Input.Search allowClear placeholder={t('fee.search')} onSearch={setQ} style={{ maxWidth: 280 }} />
      </Toolbar>
      <DataTable<FeeItem> list={list} columns={columns} testId="fee-items-table" />
      <FormDrawer<Values>
        open={editing !== null}
        title={current ? t('fee.edit') : t('fee.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? {
                name: current.name,
                unit: current.unit,
                priceYuan: current.priceYuan,
                note: current.note ?? '',
                sort: current.sort,
                active: current.active,
              }
            : { active: true, sort: 0 }
        }
        onSubmit={submit}
        testId="fee-form"
      >
        <Form.Item name="name" label={t('fee.name')} rules={[required(t), maxLen(t, 100)]}>
          <Input placeholder={t('fee.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="unit" label={t('fee.unit')} rules={[required(t), maxLen(t, 20)]}>
          <Input placeholder={t('fee.unitPlaceholder')} />
        </Form.Item>
        <Form.Item name="priceYuan" label={t('fee.price')} rules={[required(t), priceRule(t)]}>
          <Input inputMode="decimal" placeholder="30.00" />
        </Form.Item>
        <Form.Item name="note" label={t('fee.note')} rules={[maxLen(t, 200)]}>
          <Input placeholder={t('fee.notePlaceholder')} />
        </Form.Item>
        <Form.Item name="sort" label={t('fee.sort')} extra={t('fee.sortHelp')}>
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
        <Form.Item name="active" label={t('fee.active')} extra={t('fee.activeHelp')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormDrawer>
    </>
  );
}
