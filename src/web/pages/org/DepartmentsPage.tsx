import { endpoints } from '../../api/endpoints';
import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { useCan, useCursorList, useOffices } from '../../api/queries';
import { maxLen, required, requiredSelect } from '../../api/rules';
import { DEPARTMENT_FUNCTIONS, type Department, type DepartmentFunction } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FormDrawer } from '../../components/FormDrawer';
import { DeleteButton, useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { UserSelect } from '../../components/RemoteSelect';
import { useI18n } from '../../i18n/i18n';

/** the select value standing for "no office: a company department" */
const COMPANY_LEVEL = '';

interface Values {
  name: string;
  officeId: string;
  function: DepartmentFunction;
  headId?: string | null;
}

export default function DepartmentsPage() {
  const { t, label } = useI18n();
  const can = useCan();
  const manage = can('org.manage');
  const [q, setQ] = useState('');
  const [officeId, setOfficeId] = useState<string | undefined>();
  const list = useCursorList(endpoints.org.listDepartments, { q, officeId });
  const offices = useOffices();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const invalidate = useInvalidate(endpoints.org.listDepartments);

  const officeOptions = (offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));

  const columns: ColumnsType<Department> = [
    { title: t('department.name'), dataIndex: 'name' },
    {
      title: t('department.office'),
      key: 'office',
      render: (_, d) => d.office?.name ?? t('department.companyLevel'),
    },
    {
      title: t('department.function'),
      dataIndex: 'function',
      render: (v: string) => <Tag>{label('departmentFunction', v)}</Tag>,
    },
    { title: t('department.head'), key: 'head', render: (_, d) => d.head?.name ?? '—' },
    { title: t('department.members'), dataIndex: 'memberCount' },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, d) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
            {t('common.edit')}
          </Button>
          <DeleteButton
            endpoint={endpoints.org.deleteDepartment}
            id={d.id}
            name={d.name}
            onDeleted={invalidate}
          />
        </Space>
      ),
    });

  const current = editing === 'new' ? null : editing;
  const submit = async (v: Values) => {
    const body = {
      name: v.name.trim(),
      officeId: v.officeId === COMPANY_LEVEL ? null : v.officeId,
      function: v.function,
      headId: v.headId ?? null,
    };
    if (current)
      await call(endpoints.org.updateDepartment, {
        params: { id: current.id },
        body: { ...body, version: current.version },
      });
    else await call(endpoints.org.createDepartment, { body });
    await invalidate();
  };

  return (
    <>
      <PageHeader
        title={t('nav.departments')}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="department-create"
            >
              {t('department.create')}
            </Button>
          )
        }
      />
      <Toolbar>
        <Select
          allowClear
          placeholder={t('department.allOffices')}
          value={officeId}
          onChange={setOfficeId}
          options={officeOptions}
          style={{ minWidth: 160 }}
        />
        <Input.Search
          allowClear
          placeholder={t('common.searchName')}
          onSearch={setQ}
          style={{ maxWidth: 280 }}
        />
      </Toolbar>
      <DataTable<Department> list={list} columns={columns} testId="departments-table" />
      <FormDrawer<Values>
        open={editing !== null}
        title={current ? t('department.edit') : t('department.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? {
                name: current.name,
                officeId: current.office?.id ?? COMPANY_LEVEL,
                function: current.function,
                headId: current.head?.id ?? null,
              }
            : { officeId: officeId ?? COMPANY_LEVEL, function: 'customer_service' }
        }
        onSubmit={submit}
        testId="department-form"
      >
        <Form.Item name="name" label={t('department.name')} rules={[required(t), maxLen(t, 100)]}>
          <Input placeholder={t('department.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="officeId" label={t('department.office')}>
          <Select
            options={[{ value: COMPANY_LEVEL, label: t('department.companyLevel') }, ...officeOptions]}
          />
        </Form.Item>
        <Form.Item name="function" label={t('department.function')} rules={[requiredSelect(t)]}>
          <Select
            options={DEPARTMENT_FUNCTIONS.map((f) => ({ value: f, label: label('departmentFunction', f) }))}
          />
        </Form.Item>
        <Form.Item name="headId" label={t('department.head')} extra={t('department.headHelp')}>
          <UserSelect
            allowClear
            known={current?.head ? [{ value: current.head.id, label: current.head.name }] : []}
          />
        </Form.Item>
      </FormDrawer>
    </>
  );
}
