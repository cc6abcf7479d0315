/** The filters of a record list, from the config: a search on submit and a reset. */
import { Button, Form, Input, Select, Tooltip } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { GridSelect } from '../fields/GridSelect';
import { RegionCodeInput } from '../regions/RegionCodeInput';
import type { FilterSpec } from './types';

export type FilterValues = Record<string, string | undefined>;

const DEFAULT_WIDTH: Record<FilterSpec['type'], number> = { text: 240, select: 140, region: 240, grid: 220, custom: 200 };

interface Props {
  slug: string;
  filters: readonly FilterSpec[];
  form: FormInstance<FilterValues>;
  initialValues: FilterValues;
  onSearch: (values: FilterValues) => void;
}

export function FilterBar({ slug, filters, form, initialValues, onSearch }: Props) {
  const { t } = useI18n();
  const values = Form.useWatch([], form) as FilterValues | undefined;

  const control = (filter: FilterSpec) => {
    const testId = `${slug}-filter-${filter.testId ?? filter.name}`;
    const style = { width: filter.width ?? DEFAULT_WIDTH[filter.type] };
    switch (filter.type) {
      case 'text':
        return (
          <Input allowClear placeholder={filter.placeholder ? t(filter.placeholder) : undefined} maxLength={filter.maxLength} style={style} data-testid={testId} />
        );
      case 'select':
        return <Select allowClear placeholder={t('common.all')} options={filter.options(t)} style={style} data-testid={testId} />;
      case 'region':
        return <RegionCodeInput allowClear style={style} data-testid={testId} />;
      case 'grid':
        return (
          <GridSelect
            allowClear
            region={filter.regionFilter ? values?.[filter.regionFilter] : undefined}
            placeholder={t('record.gridAll')}
            style={style}
            data-testid={testId}
          />
        );
      case 'custom':
        return filter.render({ t, testId, width: style.width });
    }
  };

  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      initialValues={initialValues}
      onFinish={onSearch}
      style={{ marginBottom: 16, rowGap: 8 }}
      data-testid={`${slug}-filters`}
    >
      {filters.map((filter) => (
        <Form.Item key={filter.name} name={filter.name} label={filter.tooltip ? <Tooltip title={t(filter.tooltip)}>{t(filter.label)}</Tooltip> : t(filter.label)}>
          {control(filter)}
        </Form.Item>
      ))}
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid={`${slug}-search`}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
          data-testid={`${slug}-reset`}
        >
          {t('record.filter.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
