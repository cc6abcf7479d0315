/** Create or edit a building (楼栋): a point on the map that holds dwellings. */
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { buildingInput, type Building } from '@gridgov/contracts';
import { useMe } from '../../../app/session';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { contractRule, numberOrNull, textOrNull } from '../../../shared/fields/contract-rules';
import { GridSelect } from '../../../shared/fields/GridSelect';
import { enumOptions, fieldLabel, type EnumValue } from '../../../shared/labels';
import { PointField } from '../../../shared/fields/PointField';
import { RecordFormDrawer } from '../shared/RecordFormDrawer';
import type { RecordFormProps } from '../shared/register-config';

interface Values {
  gridId?: string;
  name: string;
  kind: EnumValue<'buildingKind'>;
  address?: string;
  floors?: number | null;
  units?: number | null;
  lon?: number | null;
  lat?: number | null;
  notes?: string;
}

const shape = buildingInput.shape;
const SLUG = 'buildings';

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    kind: values.kind,
    address: textOrNull(values.address),
    floors: numberOrNull(values.floors),
    units: numberOrNull(values.units),
    lon: numberOrNull(values.lon),
    lat: numberOrNull(values.lat),
    notes: textOrNull(values.notes),
  };
}

const toCreate = (values: Values): RegisterInput<'building'> => fields(values);
const toUpdate = (values: Values, record: Building): RegisterUpdate<'building'> => ({ version: record.version, ...fields(values) });

function initialValues(record: Building | null, gridId: string | undefined): Values {
  if (!record) return { gridId, name: '', kind: 'residential' };
  return {
    gridId: record.gridId,
    name: record.name,
    kind: record.kind,
    address: record.address ?? '',
    floors: record.floors,
    units: record.units,
    lon: record.lon,
    lat: record.lat,
    notes: record.notes ?? '',
  };
}

export function BuildingForm({ record, onSaved, onClose }: RecordFormProps<'building'>) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const label = (field: string) => fieldLabel(t, 'building', field);
  return (
    <RecordFormDrawer
      kind="building"
      slug={SLUG}
      record={record}
      recordName={(building) => building.name}
      form={form}
      initialValues={(current) => initialValues(current, me.scope.gridId ?? undefined)}
      toCreate={toCreate}
      toUpdate={toUpdate}
      onSaved={onSaved}
      onClose={onClose}
      width={560}
    >
      {() => (
        <>
          <Form.Item name="gridId" label={label('gridId')} required rules={[{ required: true, message: t('reg.gridRequired') }]}>
            <GridSelect data-testid={`${SLUG}-form-grid`} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="name" label={label('name')} required rules={[contractRule(shape.name, t)]}>
                <Input maxLength={100} data-testid={`${SLUG}-form-name`} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="kind" label={label('kind')} required>
                <Select options={enumOptions(t, 'buildingKind')} data-testid={`${SLUG}-form-kind`} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="address" label={label('address')} rules={[contractRule(shape.address, t)]}>
            <Input maxLength={200} data-testid={`${SLUG}-form-address`} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="floors" label={label('floors')} rules={[contractRule(shape.floors, t)]}>
                <InputNumber min={1} max={200} precision={0} style={{ width: '100%' }} data-testid={`${SLUG}-form-floors`} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="units" label={label('units')} rules={[contractRule(shape.units, t)]}>
                <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid={`${SLUG}-form-units`} />
              </Form.Item>
            </Col>
          </Row>
          <PointField lonSchema={shape.lon} latSchema={shape.lat} testId={`${SLUG}-form`} />
          <Form.Item name="notes" label={label('notes')} rules={[contractRule(shape.notes, t)]}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
    </RecordFormDrawer>
  );
}
