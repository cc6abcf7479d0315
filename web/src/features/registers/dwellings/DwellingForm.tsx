/** Create or edit a dwelling (房屋): a room of a building, which also fixes its grid. */
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { dwellingInput, type Dwelling } from '@gridgov/contracts';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { contractRule, numberOrNull, textOrNull } from '../../../shared/fields/contract-rules';
import { enumOptions, fieldLabel, type EnumValue } from '../../../shared/labels';
import { RecordFormDrawer } from '../shared/RecordFormDrawer';
import { RecordSelect } from '../../../shared/fields/RecordSelect';
import type { RecordFormProps } from '../shared/register-config';

interface Values {
  buildingId?: string | null;
  unit?: string;
  floor?: number | null;
  room: string;
  area?: number | null;
  use: EnumValue<'dwellingUse'>;
  notes?: string;
}

const shape = dwellingInput.shape;
const SLUG = 'dwellings';

function fields(values: Values) {
  return {
    buildingId: values.buildingId ?? '',
    unit: textOrNull(values.unit),
    floor: numberOrNull(values.floor),
    room: values.room.trim(),
    area: numberOrNull(values.area),
    use: values.use,
    notes: textOrNull(values.notes),
  };
}

const toCreate = (values: Values): RegisterInput<'dwelling'> => fields(values);
const toUpdate = (values: Values, record: Dwelling): RegisterUpdate<'dwelling'> => ({ version: record.version, ...fields(values) });

export function DwellingForm({ record, onSaved, onClose }: RecordFormProps<'dwelling'>) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const label = (field: string) => fieldLabel(t, 'dwelling', field);
  return (
    <RecordFormDrawer
      kind="dwelling"
      slug={SLUG}
      record={record}
      recordName={(dwelling) => dwelling.label}
      form={form}
      initialValues={(current): Values =>
        current
          ? {
              buildingId: current.buildingId,
              unit: current.unit ?? '',
              floor: current.floor,
              room: current.room,
              area: current.area,
              use: current.use,
              notes: current.notes ?? '',
            }
          : { buildingId: null, room: '', use: 'owner_occupied' }
      }
      toCreate={toCreate}
      toUpdate={toUpdate}
      onSaved={onSaved}
      onClose={onClose}
      width={520}
    >
      {(current) => (
        <>
          <Form.Item name="buildingId" label={label('buildingId')} required rules={[{ required: true, message: t('reg.rule.required') }]}>
            <RecordSelect
              kind="building"
              valueLabel={current?.buildingName}
              describe={(building) => `${building.name}${building.address ? `（${building.address}）` : ''} · ${building.gridName}`}
              placeholder={t('dwelling.pickBuilding')}
              data-testid={`${SLUG}-form-building`}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="unit" label={label('unit')} rules={[contractRule(shape.unit, t)]}>
                <Input maxLength={20} placeholder="1" data-testid={`${SLUG}-form-unit`} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="floor" label={label('floor')} rules={[contractRule(shape.floor, t)]}>
                <InputNumber min={-10} max={200} precision={0} style={{ width: '100%' }} data-testid={`${SLUG}-form-floor`} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="room" label={label('room')} required rules={[contractRule(shape.room, t)]}>
                <Input maxLength={20} placeholder="101" data-testid={`${SLUG}-form-room`} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="area" label={label('area')} rules={[contractRule(shape.area, t)]}>
                <InputNumber min={0} max={100000} precision={2} style={{ width: '100%' }} data-testid={`${SLUG}-form-area`} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="use" label={label('use')} required>
                <Select options={enumOptions(t, 'dwellingUse')} data-testid={`${SLUG}-form-use`} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="notes" label={label('notes')} rules={[contractRule(shape.notes, t)]}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
    </RecordFormDrawer>
  );
}
