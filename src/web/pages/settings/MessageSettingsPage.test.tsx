// @vitest-environment happy-dom
/**
 * The 消息通知 page as an admin uses it (MSG-3, MSG-4): credentials are write-only — 已设置 and empty fields, never
 * a value; switches and template codes saved with the version read; a first SMS provider pre-ticks the four staff
 * types. Only the network is fake (src/web/testing/render.tsx).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MessageSettings } from '../../../contracts/outbox';
import { fakeServer, renderInApp } from '../../testing/render';
import MessageSettingsPage from './MessageSettingsPage';

const TYPES: MessageSettings['types'] = [
  { type: 'emergency', allowed: ['sms', 'webhook'], params: ['number', 'kind', 'place'], channels: [] },
  {
    type: 'repair_dispatched',
    allowed: ['sms', 'webhook'],
    params: ['number', 'kind', 'place'],
    channels: [],
  },
  { type: 'assigned', allowed: ['webhook'], params: ['number'], channels: [] },
];

const configured: MessageSettings = {
  senders: {
    sms: { provider: 'aliyun', settings: { signName: '回音物业' }, credentialsSet: true },
    webhook: null,
  },
  types: TYPES.map((t) =>
    t.type === 'emergency'
      ? { ...t, channels: [{ channel: 'sms', enabled: true, template: { code: 'SMS_100', params: [] } }] }
      : t,
  ),
  version: 7,
};

function openPage(settings: MessageSettings) {
  const server = fakeServer({
    'GET /api/message-settings': settings,
    'PUT /api/message-settings': () => ({ ...settings, version: settings.version + 1 }),
    'PUT /api/message-settings/credentials/:channel': { ok: true },
  });
  renderInApp(<MessageSettingsPage />);
  return server;
}

describe('消息通知 settings page (MSG-3, MSG-4)', () => {
  it('shows credentials only as 已设置, with empty write-only fields', async () => {
    openPage(configured);
    const box = await screen.findByTestId('messages-credentials-sms');
    expect(within(box).getByTestId('messages-credentials-sms-set').textContent).toBe('已设置');
    for (const input of within(box).getAllByPlaceholderText(/AccessKey/))
      expect((input as HTMLInputElement).value).toBe('');
  });

  it('saves the switches with the version read; credentials go to their own endpoint', async () => {
    const server = openPage(configured);
    await screen.findByTestId('message-settings-page');
    fireEvent.click(screen.getByTestId('messages-switch-repair_dispatched-sms'));
    fireEvent.change(await screen.findByTestId('messages-template-repair_dispatched'), {
      target: { value: 'SMS_200' },
    });
    fireEvent.click(screen.getByTestId('messages-save'));
    await waitFor(() => expect(server.to('PUT', '/api/message-settings')).toHaveLength(1));
    const body = server.to('PUT', '/api/message-settings')[0].body as {
      version: number;
      senders: object;
      types: object[];
    };
    expect(body.version).toBe(7);
    expect(body.senders).toEqual({
      sms: { provider: 'aliyun', settings: { signName: '回音物业' } },
      webhook: null,
    });
    expect(body.types).toEqual([
      { type: 'emergency', channel: 'sms', enabled: true, template: { code: 'SMS_100', params: [] } },
      { type: 'repair_dispatched', channel: 'sms', enabled: true, template: { code: 'SMS_200', params: [] } },
    ]);

    fireEvent.change(screen.getByTestId('messages-credential-accessKeyId'), { target: { value: 'LTAI' } });
    fireEvent.change(screen.getByTestId('messages-credential-accessKeySecret'), { target: { value: 's3' } });
    fireEvent.click(screen.getByTestId('messages-save-credentials-sms'));
    await waitFor(() => expect(server.to('PUT', '/api/message-settings/credentials/sms')).toHaveLength(1));
    expect(server.to('PUT', '/api/message-settings/credentials/sms')[0].body).toEqual({
      accessKeyId: 'LTAI',
      accessKeySecret: 's3',
    });
  });

  it('a webhook-only type has no SMS switch', async () => {
    openPage(configured);
    await screen.findByTestId('message-settings-page');
    expect(screen.queryByTestId('messages-switch-assigned-sms')).toBeNull();
    expect(screen.getByTestId('messages-switch-assigned-webhook')).toBeTruthy();
  });
});
