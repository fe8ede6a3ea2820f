/**
 * 系统设置 → 分类设置 (CLASS-3): the company's category tree, at most three levels, one tree for every kind of case
 * (the API keeps no kind on a category). Admins add a top-level category or a child, rename or move one, change
 * the order among siblings, switch one off (its subcategories with it: intake stops offering them, old cases keep
 * them) or on again, and delete one — the server deletes only what no case uses and no default is; the rest it
 * switches off, and the page says how many of each. Every refusal is the server's, in the user's language.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  StopOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { call } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { maxLen, required } from '../../api/rules';
import type { Category } from '../../api/types';
import { FormDrawer } from '../../components/FormDrawer';
import { useInvalidate } from '../../components/crud';
import { PageHeader, Toolbar } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import {
  canAddChild,
  moveAmongSiblings,
  parentOptions,
  siblingPlace,
  toTreeRows,
  type CategoryRow,
} from './categoryTree';

const TREE = endpoints.settings.categories;

interface Values {
  name: string;
  /** '' for the top level */
  parentId: string;
  sort?: number | null;
}

/** The drawer: a new category (under `parent`, or at the top), or an existing one to rename, move or renumber. */
type Editing = { mode: 'new'; parent: Category | null } | { mode: 'edit'; category: Category };

export default function CategoriesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [show, setShow] = useState<'all' | 'active'>('all');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const tree = useQuery({
    queryKey: [TREE.path, false],
    queryFn: ({ signal }) => call(TREE, { signal }),
  });
  // intake's list (active only) and this page's share the path: both refresh
  const invalidate = useInvalidate(TREE);
  const items = tree.data?.items ?? [];
  const shown = show === 'active' ? items.filter((c) => c.active) : items;

  /** Runs one change of a row, shows the server's refusal as it words it, and refreshes the tree. */
  const act = async (id: string, change: () => Promise<string | undefined>) => {
    setBusy(id);
    try {
      message.success((await change()) ?? t('common.saved'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      await invalidate();
      setBusy(null);
    }
  };

  const setActive = (c: Category, active: boolean) =>
    act(c.id, async () => {
      await call(endpoints.settings.updateCategory, { params: { id: c.id }, body: { active } });
      return active
        ? t('category.switchedOn', { name: c.displayName })
        : t('category.switchedOff', { name: c.displayName });
    });

  const move = (c: Category, step: -1 | 1) =>
    act(c.id, async () => {
      for (const u of moveAmongSiblings(items, c.id, step))
        await call(endpoints.settings.updateCategory, { params: { id: u.id }, body: { sort: u.sort } });
      return t('category.moved');
    });

  const remove = (c: Category) =>
    act(c.id, async () => {
      const r = await call(endpoints.settings.deleteCategory, { params: { id: c.id } });
      return r.deactivated
        ? t('category.deletedSome', { deleted: r.deleted, deactivated: r.deactivated })
        : t('category.deletedAll', { deleted: r.deleted });
    });

  const columns: ColumnsType<CategoryRow> = [
    {
      title: t('category.name'),
      key: 'name',
      render: (_, c) => (
        <Space size={4} wrap data-testid={`category-row-${c.displayName}`}>
          <Typography.Text delete={!c.active} type={c.active ? undefined : 'secondary'}>
            {c.displayName}
          </Typography.Text>
          {c.code && <Tag>{t('category.builtIn')}</Tag>}
          {!c.active && <Tag color="default">{t('category.inactive')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('category.level'),
      key: 'depth',
      width: 90,
      render: (_, c) => t('category.depth', { n: c.depth }),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 420,
      render: (_, c) => {
        const place = siblingPlace(items, c);
        const loading = busy === c.id;
        return (
          <Space size={0} wrap>
            {canAddChild(c) && (
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ mode: 'new', parent: c })}
                data-testid="category-add-child"
              >
                {t('category.addChild')}
              </Button>
            )}
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing({ mode: 'edit', category: c })}
              data-testid="category-edit"
            >
              {t('common.edit')}
            </Button>
            <Button
              type="link"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={place.first || loading}
              aria-label={t('category.moveUp', { name: c.displayName })}
              title={t('category.moveUp', { name: c.displayName })}
              onClick={() => void move(c, -1)}
              data-testid="category-up"
            />
            <Button
              type="link"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={place.last || loading}
              aria-label={t('category.moveDown', { name: c.displayName })}
              title={t('category.moveDown', { name: c.displayName })}
              onClick={() => void move(c, 1)}
              data-testid="category-down"
            />
            {c.active ? (
              <Popconfirm
                title={t('category.confirmOff', { name: c.displayName })}
                okText={t('category.switchOff')}
                cancelText={t('common.cancel')}
                onConfirm={() => setActive(c, false)}
              >
                <Button
                  type="link"
                  size="small"
                  icon={<StopOutlined />}
                  loading={loading}
                  data-testid="category-off"
                >
                  {t('category.switchOff')}
                </Button>
              </Popconfirm>
            ) : (
              <Button
                type="link"
                size="small"
                icon={<UndoOutlined />}
                loading={loading}
                onClick={() => void setActive(c, true)}
                data-testid="category-on"
              >
                {t('category.switchOn')}
              </Button>
            )}
            <Popconfirm
              title={t('category.confirmDelete', { name: c.displayName })}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove(c)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="category-delete">
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  const current = editing?.mode === 'edit' ? editing.category : null;
  const submit = async (v: Values) => {
    const parentId = v.parentId || null;
    const sort = v.sort ?? undefined;
    if (current)
      await call(endpoints.settings.updateCategory, {
        params: { id: current.id },
        body: {
          ...(v.name.trim() !== current.name ? { name: v.name.trim() } : {}),
          ...(parentId !== current.parentId ? { parentId } : {}),
          ...(sort !== undefined && sort !== current.sort ? { sort } : {}),
        },
      });
    else await call(endpoints.settings.createCategory, { body: { name: v.name.trim(), parentId, sort } });
    await invalidate();
  };

  const parents = parentOptions(items, current).filter((c) => c.active || c.id === current?.parentId);

  return (
    <div data-testid="categories-page">
      <PageHeader
        title={t('nav.categories')}
        subTitle={t('category.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'new', parent: null })}
            data-testid="category-create"
          >
            {t('category.create')}
          </Button>
        }
      />
      <Toolbar>
        <Segmented
          value={show}
          onChange={(v) => setShow(v as 'all' | 'active')}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'active', label: t('category.onlyActive') },
          ]}
          data-testid="category-show"
        />
      </Toolbar>
      {tree.error && <Alert type="error" showIcon title={tree.error.message} />}
      <Table<CategoryRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={toTreeRows(shown)}
        loading={tree.isLoading}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        // the tree arrives in one answer: expand it once it is there
        key={tree.data ? 'loaded' : 'loading'}
        sticky
        data-testid="categories-table"
      />
      <FormDrawer<Values>
        open={editing !== null}
        title={
          current
            ? t('category.edit', { name: current.displayName })
            : editing?.mode === 'new' && editing.parent
              ? t('category.createUnder', { name: editing.parent.displayName })
              : t('category.create')
        }
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? { name: current.name, parentId: current.parentId ?? '', sort: current.sort }
            : { name: '', parentId: editing?.mode === 'new' ? (editing.parent?.id ?? '') : '' }
        }
        onSubmit={submit}
        testId="category-form"
      >
        <Form.Item
          name="name"
          label={t('category.name')}
          rules={[required(t), maxLen(t, 50)]}
          extra={current?.code ? t('category.builtInHelp') : undefined}
        >
          <Input placeholder={t('category.namePlaceholder')} data-testid="category-name" />
        </Form.Item>
        <Form.Item name="parentId" label={t('category.parent')} extra={t('category.parentHelp')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: '', label: t('category.topLevel') },
              ...parents.map((c) => ({ value: c.id, label: pathOf(items, c) })),
            ]}
            data-testid="category-parent"
          />
        </Form.Item>
        <Form.Item name="sort" label={t('category.sort')} extra={t('category.sortHelp')}>
          <InputNumber min={0} max={100_000} precision={0} data-testid="category-sort" />
        </Form.Item>
      </FormDrawer>
    </div>
  );
}

/** `设施报修 / 电梯`: a category with its ancestors, so two children of the same name can be told apart. */
function pathOf(items: readonly Category[], c: Category): string {
  const names = [c.displayName];
  let parent = items.find((p) => p.id === c.parentId);
  while (parent) {
    names.unshift(parent.displayName);
    const up = parent.parentId;
    parent = items.find((p) => p.id === up);
  }
  return names.join(' / ');
}
