import { useState } from 'react';
import { Button, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { attachmentUrl, uploadAttachment } from '../../api/cases';
import type { Attachment } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/**
 * Files uploaded one by one to POST /api/attachments as they are chosen; the form's value is the list of ids to
 * send as `attachmentIds`. A failed upload stays in the list marked red and can be removed and chosen again.
 */
export function AttachmentUpload({
  onChange,
  accept = 'image/*,application/pdf,.docx,.xlsx,.txt',
  testId = 'attachments',
  max = 20,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  accept?: string;
  testId?: string;
  max?: number;
}) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile<Attachment>[]>([]);
  const emit = (list: UploadFile<Attachment>[]) =>
    onChange?.(list.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
  return (
    <Upload<Attachment>
      multiple
      accept={accept}
      listType="picture"
      maxCount={max}
      fileList={files}
      customRequest={({ file, onSuccess, onError }) => {
        uploadAttachment(file as File)
          .then((a) => onSuccess?.(a))
          .catch((e: Error) => onError?.(e));
      }}
      onChange={({ fileList }) => {
        const list = fileList.map((f) =>
          f.status === 'done' && f.response
            ? {
                ...f,
                url: attachmentUrl(f.response.id),
                thumbUrl: f.response.mime.startsWith('image/') ? attachmentUrl(f.response.id) : undefined,
              }
            : f.status === 'error'
              ? { ...f, response: undefined, error: f.error as Error }
              : f,
        );
        setFiles(list);
        emit(list);
      }}
      data-testid={testId}
    >
      <Button icon={<PaperClipOutlined />} data-testid={`${testId}-button`}>
        {t('attachments.add')}
      </Button>
    </Upload>
  );
}
