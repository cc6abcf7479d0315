/** The members of a household: add a resident found by name or pinyin initials, with a relation; remove. */
import { Button, Divider, Empty, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Household } from '@gridgov/contracts';
import { useFeedback } from '../../../app/feedback';
import { registersApi } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { enumLabel, enumOptions, fieldLabel, type EnumValue } from '../shared/labels';
import { RecordSelect } from '../../../shared/fields/RecordSelect';
import type { RegisterRecord } from '../../../api/registers';
import { ResidentLink } from '../../../shared/links/record-links';
import type { DetailPartProps } from '../../../shared/record-page/types';

type Member = Household['members'][number];
type Relation = EnumValue<'relation'>;

export function HouseholdMembers({ record, canWrite, onChange }: DetailPartProps<RegisterRecord<'household'>>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [residentId, setResidentId] = useState<string | null>(null);
  const [residentName, setResidentName] = useState('');
  const [relation, setRelation] = useState<Relation | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const hasHead = record.members.some((member) => member.relation === 'head');

  async function add() {
    if (!residentId || !relation) return;
    setBusy(true);
    try {
      onChange(await registersApi.addMember(record.id, { residentId, relation }));
      feedback.success(t('household.memberAdded', { name: residentName }));
      setResidentId(null);
      setRelation(undefined);
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(member: Member) {
    try {
      onChange(await registersApi.removeMember(record.id, member.residentId));
      feedback.success(t('household.memberRemoved', { name: member.name }));
    } catch (err) {
      feedback.error(err);
    }
  }

  return (
    <div data-testid="households-members">
      <Divider titlePlacement="start">
        {t('household.members')}（{t('household.memberCount', { n: record.members.length })}）
      </Divider>
      {record.members.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('household.noMembers')} />
      ) : (
        <Table<Member>
          rowKey="residentId"
          size="small"
          pagination={false}
          dataSource={record.members}
          columns={[
            {
              key: 'name',
              title: fieldLabel(t, 'resident', 'name'),
              render: (_value, member) => (
                <ResidentLink id={member.residentId} name={member.name} />
              ),
            },
            { key: 'relation', title: fieldLabel(t, 'household', 'relation'), render: (_value, member) => enumLabel(t, 'relation', member.relation) },
            { key: 'id', title: fieldLabel(t, 'resident', 'idNumber'), render: (_value, member) => <Typography.Text code>{member.idNumberMasked}</Typography.Text> },
            ...(canWrite
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    render: (_value: unknown, member: Member) => (
                      <Popconfirm title={t('household.removeConfirm', { name: member.name })} onConfirm={() => remove(member)} okButtonProps={{ danger: true }}>
                        <Button type="link" size="small" danger data-testid={`households-member-remove-${member.residentId}`}>
                          {t('household.remove')}
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
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <RecordSelect
            kind="resident"
            value={residentId}
            onChange={(id, resident) => {
              setResidentId(id);
              setResidentName(resident?.name ?? '');
            }}
            describe={(resident) => `${resident.name}（${resident.idNumberMasked}）`}
            placeholder={t('household.pickResident')}
            style={{ width: '55%' }}
            data-testid="households-member-resident"
          />
          <Select<Relation>
            value={relation}
            onChange={setRelation}
            placeholder={fieldLabel(t, 'household', 'relation')}
            options={enumOptions(t, 'relation').map((option) => ({ ...option, disabled: option.value === 'head' && hasHead }))}
            style={{ width: '25%' }}
            data-testid="households-member-relation"
          />
          <Button type="primary" loading={busy} disabled={!residentId || !relation} onClick={() => void add()} data-testid="households-member-add">
            {t('household.addMember')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
