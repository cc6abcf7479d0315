/** Create or edit a facility (部件): an asset with a code, a location and a status. */
import { Col, Form, Input, Row, Select } from 'antd';
import { facilityInput, type Facility } from '@gridgov/contracts';
import { useMe } from '../../../app/session';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { contractRule, textOrNull } from '../../../shared/fields/contract-rules';
import { GridSelect } from '../../../shared/fields/GridSelect';
import { enumOptions, fieldLabel, type EnumValue } from '../../../shared/labels';
import { PointField } from '../../../shared/fields/PointField';
import { RecordFormDrawer } from '../shared/RecordFormDrawer';
import type { RecordFormProps } from '../shared/register-config';

interface Values {
  gridId?: string;
  kind?: EnumValue<'facilityKind'>;
  code: string;
  name?: string;
  lon?: number | null;
  lat?: number | null;
  status: EnumValue<'facilityStatus'>;
  department?: string;
  notes?: string;
}

const shape = facilityInput.shape;
const SLUG = 'facilities';

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    kind: values.kind ?? 'other',
    code: values.code.trim(),
    name: textOrNull(values.name),
    lon: values.lon ?? 0,
    lat: values.lat ?? 0,
    status: values.status,
    department: textOrNull(values.department),
    notes: textOrNull(values.notes),
  };
}

const toCreate = (values: Values): RegisterInput<'facility'> => fields(values);
const toUpdate = (values: Values, record: Facility): RegisterUpdate<'facility'> => ({ version: record.version, ...fields(values) });

function initialValues(record: Facility | null, gridId: string | undefined): Values {
  if (!record) return { gridId, code: '', status: 'normal' };
  return {
    gridId: record.gridId,
    kind: record.kind,
    code: record.code,
    name: record.name ?? '',
    lon: record.lon,
    lat: record.lat,
    status: record.status,
    department: record.department ?? '',
    notes: record.notes ?? '',
  };
}

export function FacilityForm({ record, onSaved, onClose }: RecordFormProps<'facility'>) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const label = (field: string) => fieldLabel(t, 'facility', field);
  return (
    <RecordFormDrawer
      kind="facility"
      slug={SLUG}
      record={record}
      recordName={(facility) => facility.name ?? facility.code}
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
            <Col span={12}>
              <Form.Item name="kind" label={label('kind')} required rules={[contractRule(shape.kind, t)]}>
                <Select options={enumOptions(t, 'facilityKind')} data-testid={`${SLUG}-form-kind`} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="code" label={label('code')} required rules={[contractRule(shape.code, t)]}>
                <Input maxLength={40} data-testid={`${SLUG}-form-code`} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="name" label={label('name')} rules={[contractRule(shape.name, t)]}>
                <Input maxLength={100} data-testid={`${SLUG}-form-name`} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="status" label={label('status')} required>
                <Select options={enumOptions(t, 'facilityStatus')} data-testid={`${SLUG}-form-status`} />
              </Form.Item>
            </Col>
          </Row>
          <PointField lonSchema={shape.lon} latSchema={shape.lat} required testId={`${SLUG}-form`} />
          <Form.Item name="department" label={label('department')} rules={[contractRule(shape.department, t)]}>
            <Input maxLength={100} data-testid={`${SLUG}-form-department`} />
          </Form.Item>
          <Form.Item name="notes" label={label('notes')} rules={[contractRule(shape.notes, t)]}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
    </RecordFormDrawer>
  );
}
