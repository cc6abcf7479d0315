/**
 * Demo disputes for `npm start`: a few dozen over the last three months in the first county's
 * grids, in every state, with parties (encrypted like any), sessions, agreements and follow-ups;
 * a share assigned to the county's justice bureau (司法局), whose handler `justice1` mediates
 * them. Written straight into the module's own tables (the history is invented, not acted).
 */
import { randomUUID } from 'node:crypto';
import { DISPUTE_CATEGORIES, DISPUTE_FORM_KEY } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { localDate } from '../../platform/time-zone.js';
import { dispute, disputeParty, mediationSession } from './tables.js';
import { partyRows } from './parties.js';
import { testIdNumber } from './test-answers.js';

const DAY = 86_400_000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['建国', '秀英', '志强', '桂兰', '德华', '春梅', '海波', '玉珍', '立新', '小红', '国平', '淑芬'];
const STORIES: [string, string, string][] = [
  ['neighbour', '宅前排水沟纠纷', '两户因宅前排水沟堵塞、雨水倒灌发生争执。'],
  ['housing_land', '宅基地界址纠纷', '相邻两户对宅基地界址认定不一，一方砌墙被另一方推倒。'],
  ['marriage_family', '赡养纠纷', '老人子女对赡养费分担产生分歧，老人多次向村委会反映。'],
  ['labour', '工地欠薪纠纷', '工地包工头拖欠农民工工资两个月，工人聚集讨薪。'],
  ['land_forest', '山林权属纠纷', '两组村民对一片杉木林权属有争议，砍伐时发生冲突。'],
  ['damages', '饲养动物致害纠纷', '一户饲养的狗咬伤邻居小孩，双方对医药费赔偿有分歧。'],
  ['property_mgmt', '物业费纠纷', '业主以电梯长期故障为由拒交物业费，物业公司停止服务。'],
  ['contract', '房屋租赁纠纷', '租户提前退租，房东拒退押金。'],
];
/** The states the demo's disputes are in, by how long ago they were registered. */
/** The version a dispute reaches by each state (one per step, two sessions before an agreement). */
const VERSIONS: Record<(typeof FLOW)[number], number> = { registered: 1, assigned: 2, mediating: 3, failed: 4, escalated: 4, agreed: 5, followed_up: 6, closed: 7 };
const FLOW = ['closed', 'closed', 'followed_up', 'agreed', 'mediating', 'assigned', 'registered', 'failed', 'escalated', 'closed'] as const;

export async function seedDemoDisputes(db: Db, vault: PiiVault, now: Date, grids: readonly { id: string; regionCode: string }[], justiceDepartmentId: string | null, count = 36): Promise<number> {
  if (grids.length === 0) return 0;
  let serial = 500;
  const person = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
  await db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const grid = grids[(i * 5) % grids.length]!;
      // Two disputes of the same party in the same grid, so the repeat-parties rule has something to find.
      const repeat = i % 12 === 3;
      const [category, name, summary] = STORIES[i % STORIES.length]!;
      const registered = new Date(now.getTime() - (3 + ((i * 89) % 88)) * DAY);
      const status = FLOW[i % FLOW.length]!;
      const id = randomUUID();
      const partyAnswers = [0, 1].map((k) => ({
        name: person(i * 2 + k),
        party_category: 'person',
        id_type: '111',
        id_number: repeat && k === 0 ? testIdNumber(499) : testIdNumber(serial++),
        sex: k === 0 ? '1' : '2',
        ethnic_group: i % 9 === 4 ? '15' : '01',
        education: ['70', '60', '80', '30'][i % 4],
        phone: `139${String(70_000_000 + serial * 131).slice(0, 8)}`,
        address: `${grid.regionCode.slice(-3)}号院`,
      }));
      const assigned = status !== 'registered';
      const toJustice = assigned && justiceDepartmentId !== null && i % 3 === 0;
      const agreed = ['agreed', 'followed_up', 'closed'].includes(status);
      const day = (n: number) => localDate(new Date(registered.getTime() + n * DAY));
      await tx.insert(dispute).values({
        id,
        gridId: grid.id,
        regionCode: grid.regionCode,
        name: `${person(i * 2)}与${person(i * 2 + 1)}${name}`,
        category: category ?? DISPUTE_CATEGORIES[0]![0],
        scale: i % 11 === 5 ? 'larger' : 'general',
        occurredOn: day(-2),
        deadline: day(30),
        formKey: DISPUTE_FORM_KEY,
        formVersion: 1,
        answers: { name, occurred_on: day(-2), place: '村民小组', scale: 'general', category, people_count: category === 'labour' ? 12 : 2, summary, units_involved: '', deadline: day(30) },
        status,
        version: VERSIONS[status],
        mediatorLevel: assigned ? (toJustice ? 'judicial_office' : 'committee') : null,
        departmentId: toJustice ? justiceDepartmentId : null,
        mediatorName: assigned ? (toJustice ? '司法局调解员' : '村人民调解委员会') : null,
        resolutionWay: assigned ? 'people_mediation' : null,
        agreement: agreed ? { terms: '一、双方同意互谅互让，恢复原状。\n二、过错方赔偿对方损失五百元。', fulfilmentWay: '当场支付', fulfilmentDeadline: day(15), agreedOn: day(6) } : null,
        resolution:
          status === 'closed' ? { fulfilled: true, success: true, outcome: '调解成功，协议已履行', evaluatedOn: day(20), opinion: '当事人满意' }
          : status === 'followed_up' ? { fulfilled: true, followedUpOn: day(16) }
          : status === 'failed' ? { success: false, referral: 'litigation', failureNote: '双方分歧较大，引导诉讼' }
          : status === 'escalated' ? { escalationNote: '涉及人数多，上报乡镇综治中心' }
          : null,
        createdBy: null,
        createdAt: registered,
        updatedAt: new Date(registered.getTime() + 6 * DAY),
      });
      await tx.insert(disputeParty).values(partyRows(vault, id, partyAnswers));
      if (assigned && status !== 'assigned') {
        const sessions = agreed ? 2 : 1;
        for (let s = 0; s < sessions; s++) {
          await tx.insert(mediationSession).values({ id: randomUUID(), disputeId: id, heldOn: day(2 + s * 3), place: '村委会调解室', attendees: `${partyAnswers[0]!.name}、${partyAnswers[1]!.name}、调解员`, notes: s === 0 ? '听取双方陈述，释法明理。' : '现场查看后双方达成一致意见。', recordedBy: null, createdAt: new Date(registered.getTime() + (2 + s * 3) * DAY) });
        }
      }
    }
  });
  return count;
}
