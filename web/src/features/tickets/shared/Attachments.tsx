/** Photos of a ticket or a step: thumbnails that open large; other files as links. */
import { Image, Space, Typography } from 'antd';
import type { AttachmentRef } from '@gridgov/contracts';
import { attachmentUrl } from '../../../api/tickets';

export function Attachments({ items, size = 72 }: { items: readonly AttachmentRef[]; size?: number }) {
  if (items.length === 0) return null;
  const images = items.filter((item) => item.contentType.startsWith('image/'));
  const files = items.filter((item) => !item.contentType.startsWith('image/'));
  return (
    <Space orientation="vertical" size={4} data-testid="ticket-attachments">
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space size={6} wrap>
            {images.map((item) => (
              <Image key={item.id} src={attachmentUrl(item.id)} alt={item.name} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {files.map((item) => (
        <Typography.Link key={item.id} href={attachmentUrl(item.id)} target="_blank" rel="noreferrer">
          {item.name}
        </Typography.Link>
      ))}
    </Space>
  );
}
