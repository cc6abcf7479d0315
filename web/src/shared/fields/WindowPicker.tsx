/** A from-until pair of local date-times (a campaign's window, a drive's reservation window), as a form control holding ISO strings, and its text. */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { formatDateTime } from '../format';

export function WindowPicker({ value, onChange, 'data-testid': testId }: { value?: [string, string] | null; onChange?: (v: [string, string] | null) => void; 'data-testid'?: string }) {
  return (
    <DatePicker.RangePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      value={value ? [dayjs(value[0]), dayjs(value[1])] : null}
      onChange={(v) => onChange?.(v?.[0] && v[1] ? [v[0].toISOString(), v[1].toISOString()] : null)}
      data-testid={testId}
    />
  );
}

export const windowText = (from: string, until: string, locale: string) => `${formatDateTime(from, locale)} ~ ${formatDateTime(until, locale)}`;
