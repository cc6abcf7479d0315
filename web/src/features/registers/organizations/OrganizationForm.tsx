/** Create or edit an organisation (单位); the credit code is checked by the server (GB 32100). */
import { Col, Form, Input, Row, Select } from 'antd';
import { organizationInput, type Organization } from '@gridgov/contracts';
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
  kind?: EnumValue<'organizationKind'>;
  creditCode?: string;
  legalRepresentative?: string;
  contactName?: string;
  contactPhone?: string;
  contactPhoneClear?: boolean;
  address?: string;
  lon?: number | null;
  lat?: number | null;
  notes?: string;
}

const shape = organizationInput.shape;
const SLUG = 'organizations';

function fields(values: Values) {
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    kind: values.kind ?? 'enterprise',
    creditCode: textOrNull(values.creditCode)?.toUpperCase() ?? null,
    legalRepresentative: textOrNull(values.legalRepresentative),
    contactName: textOrNull(values.contactName),
    address: textOrNull(values.address),
    lon: numberOrNull(values.lon),
    lat: numberOrNull(values.lat),
    notes: textOrNull(values.notes),
  };
}

function toCreate(values: Values): RegisterInput<'organization'> {
  return { ...fields(values), contactPhone: textOrNull(values.contactPhone) };
}

function toUpdate(values: Values, record: Organization): RegisterUpdate<'organization'> {
  const phone = phonePatch(values.contactPhone, values.contactPhoneClear);
  return { version: record.version, ...fields(values), ...('value' in phone ? { contactPhone: phone.value } : {}) };
}

function initialValues(record: Organization | null, gridId: string | undefined): Values {
  if (!record) return { gridId, name: '' };
  return {
    gridId: record.gridId,
    name: record.name,
    kind: record.kind,
    creditCode: record.creditCode ?? '',
    legalRepresentative: record.legalRepresentative ?? '',
    contactName: record.contactName ?? '',
    address: record.address ?? '',
    lon: record.lon,
    lat: record.lat,
    notes: record.notes ?? '',
  };
}

export function OrganizationForm({ record, onSaved, onClose }: RecordFormProps<'organization'>) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const label = (field: string) => fieldLabel(t, 'organization', field);
  return (
    <RecordFormDrawer
      kind="organization"
      slug={SLUG}
      record={record}
      recordName={(organization) => organization.name}
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
                <Select options={enumOptions(t, 'organizationKind')} data-testid={`${SLUG}-form-kind`} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="creditCode" label={label('creditCode')} rules={[contractRule(shape.creditCode, t)]}>
                <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid={`${SLUG}-form-credit`} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="legalRepresentative" label={label('legalRepresentative')} rules={[contractRule(shape.legalRepresentative, t)]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="contactName" label={label('contactName')} rules={[contractRule(shape.contactName, t)]}>
                <Input maxLength={50} />
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
          <Form.Item name="address" label={label('address')} rules={[contractRule(shape.address, t)]}>
            <Input maxLength={200} data-testid={`${SLUG}-form-address`} />
          </Form.Item>
          <PointField lonSchema={shape.lon} latSchema={shape.lat} testId={`${SLUG}-form`} />
          <Form.Item name="notes" label={label('notes')} rules={[contractRule(shape.notes, t)]}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
    </RecordFormDrawer>
  );
}
