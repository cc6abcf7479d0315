/** Create or edit a resident. ID number and phone are write-only: the form shows the masked ones. */
import { Checkbox, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { residentInput, type Resident } from '@gridgov/contracts';
import { useMe } from '../../../app/session';
import type { RegisterInput, RegisterUpdate } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { contractRule, textOrNull } from '../../../shared/fields/contract-rules';
import { GridSelect } from '../../../shared/fields/GridSelect';
import { enumOptions, fieldLabel, type EnumValue } from '../../../shared/labels';
import { RecordFormDrawer } from '../shared/RecordFormDrawer';
import { RecordSelect } from '../../../shared/fields/RecordSelect';
import type { RecordFormProps } from '../shared/register-config';
import { isResidentTag, type ResidentTag } from '../shared/resident-tag';

type IdType = EnumValue<'idType'>;
type ResidentKind = EnumValue<'residentKind'>;

interface Values {
  gridId?: string;
  name: string;
  idType: IdType;
  idNumber?: string;
  phone?: string;
  clearPhone?: boolean;
  kind: ResidentKind;
  birthDate?: Dayjs | null;
  sex?: 'male' | 'female' | null;
  nationality?: string;
  ethnicity?: string;
  registeredAddress?: string;
  address?: string;
  dwellingId?: string | null;
  tags?: ResidentTag[];
  notes?: string;
}

const shape = residentInput.shape;
const SLUG = 'residents';

function initialValues(record: Resident | null, gridId: string | undefined): Values {
  if (!record) return { gridId, name: '', idType: 'id_card', kind: 'registered', tags: [], nationality: '中国' };
  return {
    gridId: record.gridId,
    name: record.name,
    idType: record.idType,
    kind: record.kind,
    birthDate: record.birthDate ? dayjs(record.birthDate) : null,
    sex: record.sex,
    nationality: record.nationality ?? '',
    ethnicity: record.ethnicity ?? '',
    registeredAddress: record.registeredAddress ?? '',
    address: record.address ?? '',
    dwellingId: record.dwellingId,
    tags: record.tags.filter(isResidentTag),
    notes: record.notes ?? '',
  };
}

/** Fields every save sends (the server records only what changed). */
function common(values: Values) {
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    kind: values.kind,
    nationality: textOrNull(values.nationality),
    ethnicity: textOrNull(values.ethnicity),
    registeredAddress: textOrNull(values.registeredAddress),
    address: textOrNull(values.address),
    dwellingId: values.dwellingId ?? null,
    tags: values.tags ?? [],
    notes: textOrNull(values.notes),
  };
}

/** Birth date and sex are given only for documents that do not carry them. */
function identityExtras(values: Values) {
  if (values.idType === 'id_card') return {};
  return { birthDate: values.birthDate ? values.birthDate.format('YYYY-MM-DD') : null, sex: values.sex ?? null };
}

function toCreate(values: Values): RegisterInput<'resident'> {
  return {
    ...common(values),
    idType: values.idType,
    idNumber: (values.idNumber ?? '').trim(),
    phone: textOrNull(values.phone),
    ...identityExtras(values),
  };
}

function toUpdate(values: Values, record: Resident): RegisterUpdate<'resident'> {
  const idNumber = values.idNumber?.trim();
  const identity = idNumber ? { idType: values.idType, idNumber, ...identityExtras(values) } : values.idType !== record.idType ? { idType: values.idType } : identityExtras(values);
  const phone = values.phone?.trim();
  return {
    version: record.version,
    ...common(values),
    ...identity,
    ...(phone ? { phone } : values.clearPhone ? { phone: null } : {}),
  };
}

export function ResidentForm({ record, onSaved, onClose }: RecordFormProps<'resident'>) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const idType = Form.useWatch('idType', form);
  const gridId = Form.useWatch('gridId', form);
  const label = (field: string) => fieldLabel(t, 'resident', field);

  return (
    <RecordFormDrawer
      kind="resident"
      slug={SLUG}
      record={record}
      recordName={(resident) => resident.name}
      form={form}
      initialValues={(current) => initialValues(current, me.scope.gridId ?? undefined)}
      toCreate={toCreate}
      toUpdate={toUpdate}
      onSaved={onSaved}
      onClose={onClose}
    >
      {(current) => (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="name" label={label('name')} required rules={[contractRule(shape.name, t)]}>
                <Input maxLength={50} data-testid={`${SLUG}-form-name`} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="gridId" label={label('gridId')} required rules={[{ required: true, message: t('reg.gridRequired') }]}>
                <GridSelect data-testid={`${SLUG}-form-grid`} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="idType" label={label('idType')} required>
                <Select options={enumOptions(t, 'idType')} data-testid={`${SLUG}-form-id-type`} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item
                name="idNumber"
                label={label('idNumber')}
                required={!current}
                extra={current ? t('reg.keepId', { masked: current.idNumberMasked }) : idType === 'id_card' ? t('reg.idDerived') : undefined}
                rules={[contractRule(shape.idNumber, t, { skipEmpty: current !== null && idType === current.idType })]}
              >
                <Input maxLength={40} autoComplete="off" placeholder={current?.idNumberMasked} data-testid={`${SLUG}-form-id`} />
              </Form.Item>
            </Col>
          </Row>
          {idType !== 'id_card' && (
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="birthDate" label={label('birthDate')}>
                  <DatePicker style={{ width: '100%' }} data-testid={`${SLUG}-form-birth`} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="sex" label={label('sex')}>
                  <Select allowClear options={enumOptions(t, 'sex')} data-testid={`${SLUG}-form-sex`} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="phone"
                label={label('phone')}
                rules={[contractRule(shape.phone, t)]}
                extra={current?.phoneMasked ? t('reg.keepPhone', { masked: current.phoneMasked }) : undefined}
              >
                <Input maxLength={20} autoComplete="off" placeholder={current?.phoneMasked ?? undefined} data-testid={`${SLUG}-form-phone`} />
              </Form.Item>
              {current?.phoneMasked && (
                <Form.Item name="clearPhone" valuePropName="checked" style={{ marginTop: -12 }}>
                  <Checkbox>{t('reg.clearPhone')}</Checkbox>
                </Form.Item>
              )}
            </Col>
            <Col span={12}>
              <Form.Item name="kind" label={label('kind')} required rules={[contractRule(shape.kind, t)]}>
                <Select options={enumOptions(t, 'residentKind')} data-testid={`${SLUG}-form-kind`} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="tags" label={label('tags')}>
            <Select mode="multiple" allowClear options={enumOptions(t, 'tag')} data-testid={`${SLUG}-form-tags`} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="nationality" label={label('nationality')} rules={[contractRule(shape.nationality, t)]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="ethnicity" label={label('ethnicity')} rules={[contractRule(shape.ethnicity, t)]}>
                <Input maxLength={20} placeholder="汉族" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="registeredAddress" label={label('registeredAddress')} rules={[contractRule(shape.registeredAddress, t)]}>
            <Input maxLength={200} data-testid={`${SLUG}-form-registered-address`} />
          </Form.Item>
          <Form.Item name="address" label={label('address')} rules={[contractRule(shape.address, t)]}>
            <Input maxLength={200} data-testid={`${SLUG}-form-address`} />
          </Form.Item>
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
          <Form.Item name="notes" label={label('notes')} rules={[contractRule(shape.notes, t)]}>
            <Input.TextArea rows={2} maxLength={500} showCount data-testid={`${SLUG}-form-notes`} />
          </Form.Item>
        </>
      )}
    </RecordFormDrawer>
  );
}
