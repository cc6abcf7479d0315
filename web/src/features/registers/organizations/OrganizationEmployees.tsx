/** The employees of an organisation: add a resident (position, contact person), remove. */
import { Button, Checkbox, Divider, Empty, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Organization } from '@gridgov/contracts';
import { useFeedback } from '../../../app/feedback';
import { registersApi } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { fieldLabel } from '../shared/labels';
import { RecordSelect } from '../../../shared/fields/RecordSelect';
import type { RegisterRecord } from '../../../api/registers';
import { ResidentLink } from '../../../shared/links/record-links';
import type { DetailPartProps } from '../../../shared/record-page/types';

type Employee = Organization['employees'][number];

export function OrganizationEmployees({ record, canWrite, onChange }: DetailPartProps<RegisterRecord<'organization'>>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [residentId, setResidentId] = useState<string | null>(null);
  const [residentName, setResidentName] = useState('');
  const [position, setPosition] = useState('');
  const [isContact, setIsContact] = useState(false);
  const [busy, setBusy] = useState(false);

  async function add() {
    if (!residentId) return;
    setBusy(true);
    try {
      onChange(await registersApi.addEmployee(record.id, { residentId, position: position.trim() || null, isContact }));
      feedback.success(t('organization.employeeAdded', { name: residentName }));
      setResidentId(null);
      setPosition('');
      setIsContact(false);
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(employee: Employee) {
    try {
      onChange(await registersApi.removeEmployee(record.id, employee.residentId));
      feedback.success(t('organization.employeeRemoved', { name: employee.name }));
    } catch (err) {
      feedback.error(err);
    }
  }

  return (
    <div data-testid="organizations-employees">
      <Divider titlePlacement="start">
        {t('organization.employees')}（{t('organization.employeeCount', { n: record.employees.length })}）
      </Divider>
      {record.employees.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('organization.noEmployees')} />
      ) : (
        <Table<Employee>
          rowKey="residentId"
          size="small"
          pagination={false}
          dataSource={record.employees}
          columns={[
            {
              key: 'name',
              title: fieldLabel(t, 'resident', 'name'),
              render: (_value, employee) => (
                <Space size={4}>
                  <ResidentLink id={employee.residentId} name={employee.name} />
                  {employee.isContact && <Tag color="blue">{fieldLabel(t, 'organization', 'isContact')}</Tag>}
                </Space>
              ),
            },
            { key: 'position', title: fieldLabel(t, 'organization', 'position'), render: (_value, employee) => employee.position ?? '—' },
            ...(canWrite
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    render: (_value: unknown, employee: Employee) => (
                      <Popconfirm title={t('organization.removeConfirm', { name: employee.name })} onConfirm={() => remove(employee)} okButtonProps={{ danger: true }}>
                        <Button type="link" size="small" danger data-testid={`organizations-employee-remove-${employee.residentId}`}>
                          {t('organization.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canWrite && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Space.Compact style={{ width: '100%' }}>
            <RecordSelect
              kind="resident"
              value={residentId}
              onChange={(id, resident) => {
                setResidentId(id);
                setResidentName(resident?.name ?? '');
              }}
              describe={(resident) => `${resident.name}（${resident.idNumberMasked}）`}
              placeholder={t('household.pickResident')}
              style={{ width: '50%' }}
              data-testid="organizations-employee-resident"
            />
            <Input
              value={position}
              onChange={(event) => setPosition(event.target.value)}
              maxLength={50}
              placeholder={fieldLabel(t, 'organization', 'position')}
              style={{ width: '30%' }}
              data-testid="organizations-employee-position"
            />
            <Button type="primary" loading={busy} disabled={!residentId} onClick={() => void add()} data-testid="organizations-employee-add">
              {t('organization.addEmployee')}
            </Button>
          </Space.Compact>
          <Checkbox checked={isContact} onChange={(event) => setIsContact(event.target.checked)}>
            {fieldLabel(t, 'organization', 'isContact')}
          </Checkbox>
        </Space>
      )}
    </div>
  );
}
