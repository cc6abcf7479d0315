/** The filters of a register list: region and grid, keyword, and the register's own filters. */
import { Button, Form, Input, Select, Tooltip } from 'antd';
import type { FormInstance } from 'antd';
import type { ResidentTag } from './resident-tag';
import type { RegisterFilters } from '../../../api/registers';
import { useMe } from '../../../app/session';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { RegionCodeInput } from '../../../shared/regions/RegionCodeInput';
import { GridSelect } from '../../../shared/fields/GridSelect';
import { enumOptions } from '../../../shared/labels';
import { RecordSelect } from '../../../shared/fields/RecordSelect';
import type { FilterSpec } from './register-config';

export interface FilterValues {
  region?: string;
  gridId?: string;
  q?: string;
  idNumber?: string;
  phone?: string;
  kind?: string;
  tag?: ResidentTag;
  status?: string;
  keyPlace?: 'true' | 'false';
  buildingId?: string;
}

/** The list query from the form: blanks dropped, a region only when it is a full code. */
export function toFilters(values: FilterValues): RegisterFilters {
  const text = (value: string | undefined) => value?.trim() || undefined;
  return {
    region: values.region && /^\d{12}$/.test(values.region) ? values.region : undefined,
    gridId: values.gridId || undefined,
    q: text(values.q),
    idNumber: text(values.idNumber),
    phone: text(values.phone),
    kind: values.kind || undefined,
    tag: values.tag || undefined,
    status: values.status || undefined,
    keyPlace: values.keyPlace || undefined,
    buildingId: values.buildingId || undefined,
  };
}

interface Props {
  slug: string;
  filters: FilterSpec;
  searchPlaceholder: MessageKey;
  form: FormInstance<FilterValues>;
  initialValues?: FilterValues;
  onSearch: (values: FilterValues) => void;
}

export function RegisterFilterForm({ slug, filters, searchPlaceholder, form, initialValues, onSearch }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const region = Form.useWatch('region', form);
  // A grid worker sees one grid: no region or grid to choose.
  const gridScoped = me.scope.gridId !== null;
  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      initialValues={initialValues}
      onFinish={onSearch}
      style={{ marginBottom: 16, rowGap: 8 }}
      data-testid={`${slug}-filters`}
    >
      {!gridScoped && (
        <>
          <Form.Item name="region" label={t('reg.filter.region')}>
            <RegionCodeInput allowClear style={{ width: 240 }} data-testid={`${slug}-filter-region`} />
          </Form.Item>
          <Form.Item name="gridId" label={t('reg.filter.grid')}>
            <GridSelect allowClear region={region} placeholder={t('reg.gridAll')} style={{ width: 220 }} data-testid={`${slug}-filter-grid`} />
          </Form.Item>
        </>
      )}
      <Form.Item name="q" label={t('reg.filter.q')}>
        <Input allowClear placeholder={t(searchPlaceholder)} style={{ width: 240 }} data-testid={`${slug}-filter-q`} />
      </Form.Item>
      {filters.identity && (
        <>
          <Form.Item name="idNumber" label={<Tooltip title={t('reg.filter.exactHint')}>{t('reg.filter.idNumber')}</Tooltip>}>
            <Input allowClear placeholder={t('reg.filter.exactPlaceholder')} maxLength={40} style={{ width: 200 }} data-testid={`${slug}-filter-id`} />
          </Form.Item>
          <Form.Item name="phone" label={<Tooltip title={t('reg.filter.exactHint')}>{t('reg.filter.phone')}</Tooltip>}>
            <Input allowClear placeholder={t('reg.filter.exactPlaceholder')} maxLength={20} style={{ width: 190 }} data-testid={`${slug}-filter-phone`} />
          </Form.Item>
        </>
      )}
      {filters.kind && (
        <Form.Item name="kind" label={t(filters.kind.label)}>
          <Select allowClear placeholder={t('common.all')} options={enumOptions(t, filters.kind.enum)} style={{ width: 140 }} data-testid={`${slug}-filter-kind`} />
        </Form.Item>
      )}
      {filters.tag && (
        <Form.Item name="tag" label={t('reg.filter.tag')}>
          <Select allowClear placeholder={t('common.all')} options={enumOptions(t, 'tag')} style={{ width: 140 }} data-testid={`${slug}-filter-tag`} />
        </Form.Item>
      )}
      {filters.status && (
        <Form.Item name="status" label={t('reg.filter.status')}>
          <Select allowClear placeholder={t('common.all')} options={enumOptions(t, filters.status)} style={{ width: 120 }} data-testid={`${slug}-filter-status`} />
        </Form.Item>
      )}
      {filters.keyPlace && (
        <Form.Item name="keyPlace" label={t('reg.filter.keyPlace')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            options={[
              { value: 'true', label: t('reg.yes') },
              { value: 'false', label: t('reg.no') },
            ]}
            style={{ width: 100 }}
            data-testid={`${slug}-filter-key`}
          />
        </Form.Item>
      )}
      {filters.building && (
        <Form.Item name="buildingId" label={t('reg.filter.building')}>
          <RecordSelect
            kind="building"
            allowClear
            describe={(building) => building.name}
            placeholder={t('dwelling.pickBuilding')}
            style={{ width: 200 }}
            data-testid={`${slug}-filter-building`}
          />
        </Form.Item>
      )}
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
          {t('reg.filter.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
