/** Create or edit a household (户): number unique in its grid, type, dwelling, address. */
import { Col, Form, Input, Row, Select } from 'antd';
import { householdInput, type Household } from '@gridgov/contracts';
import { useMe } from '../../../app/session';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { contractRule, textOrNull } from '../../../shared/fields/contract-rules';
import { GridSelect } from '../../../shared/fields/GridSelect';
import { enumOptions, fieldLabel, type EnumValue } from '../../../shared/labels';
import { RecordFormDrawer } from '../shared/RecordFormDrawer';
import { RecordSelect } from '../../../shared/fields/RecordSelect';
import type { RecordFormProps } from '../shared/register-config';

interface Values {
  gridId?: string;
  number: string;
  kind: EnumValue<'householdKind'>;
  dwellingId?: string | null;
  address?: string;
  notes?: string;
}

const shape = householdInput.shape;
const SLUG = 'households';

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    number: values.number.trim(),
    kind: values.kind,
    dwellingId: values.dwellingId ?? null,
    address: textOrNull(values.address),
    notes: textOrNull(values.notes),
  };
}

const toCreate = (values: Values): RegisterInput<'household'> => fields(values);
const toUpdate = (values: Values, record: Household): RegisterUpdate<'household'> => ({ version: record.version, ...fields(values) });

export function HouseholdForm({ record, onSaved, onClose }: RecordFormProps<'household'>) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const gridId = Form.useWatch('gridId', form);
  const label = (field: string) => fieldLabel(t, 'household', field);
  return (
    <RecordFormDrawer
      kind="household"
      slug={SLUG}
      record={record}
      recordName={(household) => household.number}
      form={form}
      initialValues={(current): Values =>
        current
          ? { gridId: current.gridId, number: current.number, kind: current.kind, dwellingId: current.dwellingId, address: current.address ?? '', notes: current.notes ?? '' }
          : { gridId: me.scope.gridId ?? undefined, number: '', kind: 'family' }
      }
      toCreate={toCreate}
      toUpdate={toUpdate}
      onSaved={onSaved}
      onClose={onClose}
      width={520}
    >
      {(current) => (
        <>
          <Form.Item name="gridId" label={label('gridId')} required rules={[{ required: true, message: t('reg.gridRequired') }]}>
            <GridSelect data-testid={`${SLUG}-form-grid`} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="number" label={label('number')} required rules={[contractRule(shape.number, t)]}>
                <Input maxLength={40} data-testid={`${SLUG}-form-number`} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="kind" label={label('kind')} required>
                <Select options={enumOptions(t, 'householdKind')} data-testid={`${SLUG}-form-kind`} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="dwellingId" label={label('dwellingId')}>
            <RecordSelect
              kind="dwelling"
              allowClear
              params={gridId ? { gridId } : undefined}
              valueLabel={current?.dwellingLabel}
              describe={(dwelling) => dwelling.label}
              placeholder={t('resident.pickDwelling')}
              data-testid={`${SLUG}-form-dwelling`}
            />
          </Form.Item>
          <Form.Item name="address" label={label('address')} rules={[contractRule(shape.address, t)]}>
            <Input maxLength={200} data-testid={`${SLUG}-form-address`} />
          </Form.Item>
          <Form.Item name="notes" label={label('notes')} rules={[contractRule(shape.notes, t)]}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
    </RecordFormDrawer>
  );
}
