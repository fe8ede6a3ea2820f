import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { Button, Form, Input, Segmented, Select, Space, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { useCan, useCursorList } from '../../api/queries';
import { maxLen, phoneRule, required, requiredSelect } from '../../api/rules';
import {
  PARTNER_RELATIONS,
  PARTNER_SERVICES,
  type PartnerRelation,
  type PartnerService,
  type PartnerUnit,
} from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormDrawer } from '../../components/FormDrawer';
import { blankToNull, dropBlank } from '../../components/form-errors';
import { DeleteButton, useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';

interface Values {
  relation: PartnerRelation;
  service: PartnerService;
  name: string;
  contactPerson?: string;
  phone?: string;
  address?: string;
}

export default function PartnerUnitsPage() {
  const { t, label } = useI18n();
  const can = useCan();
  const manage = can('org.manage');
  const [q, setQ] = useState('');
  const [relation, setRelation] = useState<PartnerRelation | 'all'>('all');
  const [service, setService] = useState<PartnerService | undefined>();
  const list = useCursorList(endpoints.org.listPartnerUnits, {
    q,
    relation: relation === 'all' ? undefined : relation,
    service,
  });
  const [editing, setEditing] = useState<PartnerUnit | 'new' | null>(null);
  const invalidate = useInvalidate(endpoints.org.listPartnerUnits);

  const columns: ColumnsType<PartnerUnit> = [
    { title: t('partner.name'), dataIndex: 'name' },
    {
      title: t('partner.relation'),
      dataIndex: 'relation',
      render: (v: string) => (
        <Tag color={v === 'sister' ? 'blue' : 'default'}>{label('partnerRelation', v)}</Tag>
      ),
    },
    { title: t('partner.service'), dataIndex: 'service', render: (v: string) => label('partnerService', v) },
    { title: t('partner.contactPerson'), dataIndex: 'contactPerson', render: (v: string | null) => v ?? '—' },
    { title: t('partner.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: t('partner.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
            {t('common.edit')}
          </Button>
          <DeleteButton
            endpoint={endpoints.org.deletePartnerUnit}
            id={p.id}
            name={p.name}
            onDeleted={invalidate}
          />
        </Space>
      ),
    });

  const current = editing === 'new' ? null : editing;
  const submit = async (v: Values) => {
    if (current)
      await call(endpoints.org.updatePartnerUnit, {
        params: { id: current.id },
        body: { ...blankToNull(v), version: current.version },
      });
    else await call(endpoints.org.createPartnerUnit, { body: dropBlank(v) });
    await invalidate();
  };

  return (
    <>
      <PageHeader
        title={t('nav.partnerUnits')}
        subTitle={t('partner.intro')}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="partner-create"
            >
              {t('partner.create')}
            </Button>
          )
        }
      />
      <Toolbar>
        <Segmented
          value={relation}
          onChange={(v) => setRelation(v as PartnerRelation | 'all')}
          options={[
            { value: 'all', label: t('common.all') },
            ...PARTNER_RELATIONS.map((r) => ({ value: r, label: label('partnerRelation', r) })),
          ]}
        />
        <Select
          allowClear
          placeholder={t('partner.allServices')}
          value={service}
          onChange={setService}
          options={PARTNER_SERVICES.map((s) => ({ value: s, label: label('partnerService', s) }))}
          style={{ minWidth: 140 }}
        />
        <Input.Search
          allowClear
          placeholder={t('common.searchName')}
          onSearch={setQ}
          style={{ maxWidth: 280 }}
        />
      </Toolbar>
      <DataTable<PartnerUnit> list={list} columns={columns} testId="partner-units-table" />
      <FormDrawer<Values>
        open={editing !== null}
        title={current ? t('partner.edit') : t('partner.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? {
                relation: current.relation,
                service: current.service,
                name: current.name,
                contactPerson: current.contactPerson ?? '',
                phone: current.phone ?? '',
                address: current.address ?? '',
              }
            : { relation: relation === 'all' ? 'external' : relation, service: service ?? 'water' }
        }
        onSubmit={submit}
        testId="partner-form"
      >
        <Form.Item
          name="relation"
          label={t('partner.relation')}
          rules={[requiredSelect(t)]}
          extra={t('partner.relationHelp')}
        >
          <Segmented
            options={PARTNER_RELATIONS.map((r) => ({ value: r, label: label('partnerRelation', r) }))}
          />
        </Form.Item>
        <Form.Item name="service" label={t('partner.service')} rules={[requiredSelect(t)]}>
          <Select options={PARTNER_SERVICES.map((s) => ({ value: s, label: label('partnerService', s) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('partner.name')} rules={[required(t), maxLen(t, 100)]}>
          <Input placeholder={t('partner.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="contactPerson" label={t('partner.contactPerson')} rules={[maxLen(t, 50)]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('partner.phone')} rules={[maxLen(t, 40), phoneRule(t)]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('partner.address')} rules={[maxLen(t, 200)]}>
          <Input />
        </Form.Item>
      </FormDrawer>
    </>
  );
}
