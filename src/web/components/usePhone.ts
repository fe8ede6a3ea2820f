import { Grid } from 'antd';

/**
 * A phone viewport: narrower than antd's `md` (768 px), as the layout decides between its side menu and its drawer
 * (AppLayout). Before the breakpoints are first measured the window's width answers.
 */
export function usePhone(): boolean {
  const screens = Grid.useBreakpoint();
  return !(screens.md ?? (typeof window !== 'undefined' && window.innerWidth >= 768));
}
