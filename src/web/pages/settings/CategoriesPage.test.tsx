// @vitest-environment happy-dom
/**
 * The category settings page as an admin uses it (CLASS-3): the tree with its levels, built-in and switched-off
 * categories marked; a child added under a category, a rename, a move up among siblings, switching off, and a
 * delete whose used and built-in categories the server switches off instead; the server's refusals shown as it
 * words them. Only the network is fake (src/web/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Category } from '../../../contracts/categories';
import { fakeServer, renderInApp, type Routes, type SentRequest } from '../../testing/render';
import CategoriesPage from './CategoriesPage';
import { CATEGORY_ID as id, categoryFixture } from './categoryFixture';

async function openPage(routes: Routes = {}) {
  const server = fakeServer({
    'GET /api/categories': { items: categoryFixture() },
    'PATCH /api/categories/:id': (req: SentRequest) => ({
      ...categoryFixture().find((c) => req.path.endsWith(c.id))!,
      ...(req.body as Partial<Category>),
    }),
    ...routes,
  });
  renderInApp(<CategoriesPage />);
  // the table is laid anew once the tree is there (to expand it all): take it then
  await screen.findByText('轿厢');
  return { server, table: screen.getByTestId('categories-table') };
}

const row = (table: HTMLElement, name: string) =>
  within(table).getByTestId(`category-row-${name}`).closest('tr') as HTMLElement;

/** Clicks the OK button of the confirmation antd opened last. */
async function confirm(text: string) {
  const ok = await waitFor(() => {
    const pop = Array.from(document.querySelectorAll<HTMLElement>('.ant-popconfirm')).at(-1);
    const btn = Array.from(pop?.querySelectorAll<HTMLElement>('button') ?? []).find(
      (b) => b.textContent?.replace(/\s/g, '') === text,
    );
    if (!btn) throw new Error(`no ${text} in a confirmation`);
    return btn;
  });
  fireEvent.click(ok);
}

describe('category settings page (CLASS-3)', () => {
  it('shows the whole tree with levels, built-in and switched-off categories marked', async () => {
    const { table } = await openPage();
    expect(row(table, '轿厢').textContent).toContain('3级');
    expect(row(table, '电梯').textContent).toContain('系统预置');
    expect(row(table, '停车').textContent).toContain('已停用');
    expect(within(row(table, '停车')).getByTestId('category-on')).toBeTruthy();
    // no fourth level, nothing under a switched-off category
    expect(within(row(table, '轿厢')).queryByTestId('category-add-child')).toBeNull();
    expect(within(row(table, '停车')).queryByTestId('category-add-child')).toBeNull();
    fireEvent.click(within(screen.getByTestId('category-show')).getByText('只看启用的'));
    await waitFor(() => expect(within(table).queryByText('停车')).toBeNull());
  });

  it('adds a child under a category', async () => {
    const { server, table } = await openPage({
      'POST /api/categories': (req: SentRequest) => ({
        status: 201,
        body: { ...categoryFixture()[3], id: id(9), ...(req.body as object) },
      }),
    });
    fireEvent.click(within(row(table, '电梯')).getByTestId('category-add-child'));
    expect(await screen.findByText('在“电梯”下新增子分类')).toBeTruthy();
    fireEvent.change(screen.getByTestId('category-name'), { target: { value: ' 按钮 ' } });
    fireEvent.click(within(screen.getByTestId('category-form')).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(server.to('POST', '/api/categories')).toHaveLength(1));
    expect(server.to('POST', '/api/categories')[0].body).toEqual({ name: '按钮', parentId: id(3) });
    // the tree (and intake's list, which shares its key) is read again
    await waitFor(() => expect(server.to('GET', '/api/categories').length).toBeGreaterThan(1));
  });

  it("renames a category, and shows the server's refusal of a name its siblings have", async () => {
    const { server, table } = await openPage({
      'PATCH /api/categories/:id': {
        status: 422,
        body: { error: { code: 'rule_violation', message: '同名记录已存在', fields: {} } },
      },
    });
    fireEvent.click(within(row(table, '水电')).getByTestId('category-edit'));
    const name = await screen.findByTestId('category-name');
    expect((name as HTMLInputElement).value).toBe('水电');
    fireEvent.change(name, { target: { value: '电梯' } });
    fireEvent.click(within(screen.getByTestId('category-form')).getByRole('button', { name: /保\s*存/ }));
    expect(await within(screen.getByTestId('category-form')).findByText('同名记录已存在')).toBeTruthy();
    // only what changed is sent
    expect(server.to('PATCH', `/api/categories/${id(2)}`)[0].body).toEqual({ name: '电梯' });
  });

  it('moves a category up among its siblings', async () => {
    const { server, table } = await openPage();
    expect((within(row(table, '水电')).getByTestId('category-up') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(row(table, '电梯')).getByTestId('category-up'));
    await waitFor(() => expect(server.to('PATCH', /^\/api\/categories\//)).toHaveLength(2));
    expect(server.to('PATCH', /^\/api\/categories\//).map((r) => [r.path, r.body])).toEqual([
      [`/api/categories/${id(3)}`, { sort: 10 }],
      [`/api/categories/${id(2)}`, { sort: 20 }],
    ]);
  });

  it('switches a category off after asking, and on again', async () => {
    const { server, table } = await openPage();
    fireEvent.click(within(row(table, '电梯')).getByTestId('category-off'));
    await confirm('停用');
    await waitFor(() => expect(server.to('PATCH', `/api/categories/${id(3)}`)).toHaveLength(1));
    expect(server.to('PATCH', `/api/categories/${id(3)}`)[0].body).toEqual({ active: false });
    expect(await screen.findByText('已停用“电梯”及其下级分类')).toBeTruthy();
    fireEvent.click(within(row(table, '停车')).getByTestId('category-on'));
    await waitFor(() => expect(server.to('PATCH', `/api/categories/${id(6)}`)).toHaveLength(1));
    expect(server.to('PATCH', `/api/categories/${id(6)}`)[0].body).toEqual({ active: true });
  });

  it('says how many categories a delete removed and how many it switched off instead', async () => {
    const { server, table } = await openPage({
      'DELETE /api/categories/:id': { deleted: 1, deactivated: 2 },
    });
    fireEvent.click(within(row(table, '电梯')).getByTestId('category-delete'));
    await confirm('删除');
    await waitFor(() => expect(server.to('DELETE', `/api/categories/${id(3)}`)).toHaveLength(1));
    expect(await screen.findByText('已删除 1 个分类；2 个已有工单使用或为系统预置，已改为停用')).toBeTruthy();
  });
});
