/** Create or edit a venue (场所); the venue code is issued by the server. */
import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { venueInput, type Venue } from '@gridgov/contracts';
import { useMe } from '../../../app/session';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { contractRule, numberOrNull, textOrNull } from '../../../shared/fields/contract-rules';
import { GridSelect } from '../../../shared/fields/GridSelect';
import { enumOptions, fieldLabel, type EnumValue } from '../../../shared/labels';
import { PointField } from '../../../shared/fields/PointField';
import { RecordFormDrawer } from '../shared/RecordFormDrawer';
import type { RecordFormProps } from '../shared/register-config';
import { phonePatch, SecretPhoneField } from '../../../shared/fields/SecretPhoneField';

interface Values {
  gridId?: string;
  name: string;
  kind?: EnumValue<'venueKind'>;
  address?: string;
  lon?: number | null;
  lat?: number | null;
  keyPlace: boolean;
  keyReason?: string;
  contactName?: string;
  contactPhone?: string;
  contactPhoneClear?: boolean;
  notes?: string;
}

const shape = venueInput.shape;
const SLUG = 'venues';

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    kind: values.kind ?? 'other',
    address: textOrNull(values.address),
    lon: numberOrNull(values.lon),
    lat: numberOrNull(values.lat),
    keyPlace: values.keyPlace,
    keyReason: values.keyPlace ? textOrNull(values.keyReason) : null,
    contactName: textOrNull(values.contactName),
    notes: textOrNull(values.notes),
  };
}

function toCreate(values: Values): RegisterInput<'venue'> {
  return { ...fields(values), contactPhone: textOrNull(values.contactPhone) };
}

function toUpdate(values: Values, record: Venue): RegisterUpdate<'venue'> {
  const phone = phonePatch(values.contactPhone, values.contactPhoneClear);
  return { version: record.version, ...fields(values), ...('value' in phone ? { contactPhone: phone.value } : {}) };
}

function initialValues(record: Venue | null, gridId: string | undefined): Values {
  if (!record) return { gridId, name: '', keyPlace: false };
  return {
    gridId: record.gridId,
    name: record.name,
    kind: record.kind,
    address: record.address ?? '',
    lon: record.lon,
    lat: record.lat,
    keyPlace: record.keyPlace,
    keyReason: record.keyReason ?? '',
    contactName: record.contactName ?? '',
    notes: record.notes ?? '',
  };
}

export function VenueForm({ record, onSaved, onClose }: RecordFormProps<'venue'>) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const keyPlace = Form.useWatch('keyPlace', form);
  const label = (field: string) => fieldLabel(t, 'venue', field);
  return (
    <RecordFormDrawer
      kind="venue"
      slug={SLUG}
      record={record}
      recordName={(venue) => venue.name}
      form={form}
      initialValues={(current) => initialValues(current, me.scope.gridId ?? undefined)}
      toCreate={toCreate}
      toUpdate={toUpdate}
      onSaved={onSaved}
      onClose={onClose}
      width={560}
    >
      {(current) => (
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
              <Form.Item name="kind" label={label('kind')} required rules={[contractRule(shape.kind, t)]}>
                <Select options={enumOptions(t, 'venueKind')} data-testid={`${SLUG}-form-kind`} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="address" label={label('address')} rules={[contractRule(shape.address, t)]}>
            <Input maxLength={200} data-testid={`${SLUG}-form-address`} />
          </Form.Item>
          <PointField lonSchema={shape.lon} latSchema={shape.lat} testId={`${SLUG}-form`} />
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="keyPlace" label={label('keyPlace')} valuePropName="checked">
                <Switch data-testid={`${SLUG}-form-key`} />
              </Form.Item>
            </Col>
            <Col span={16}>
              {keyPlace && (
                <Form.Item name="keyReason" label={label('keyReason')} rules={[contractRule(shape.keyReason, t)]}>
                  <Input maxLength={200} data-testid={`${SLUG}-form-key-reason`} />
                </Form.Item>
              )}
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="contactName" label={label('contactName')} rules={[contractRule(shape.contactName, t)]}>
                <Input maxLength={50} data-testid={`${SLUG}-form-contact`} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <SecretPhoneField
                name="contactPhone"
                label={label('contactPhone')}
                masked={current?.contactPhoneMasked}
                schema={shape.contactPhone}
                testId={`${SLUG}-form-contact-phone`}
              />
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
