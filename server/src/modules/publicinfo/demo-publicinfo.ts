/**
 * Public information in the demo city: rumour rebuttals of the county and the city (published
 * over the last weeks, one withdrawn, one draft), about twenty hospitals, fever clinics and
 * community health centres placed inside the county's grids with realistic opening hours (fever
 * clinics around the clock or into the night), and residents' questions: most answered and
 * public, some waiting, one not answered.
 */
import { randomUUID } from 'node:crypto';
import { maskFreeText, type OpeningHours } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { interiorPoint, type PolygonCoordinates } from '../../platform/geo/polygon.js';
import { searchTerms } from './search-terms.js';
import { consultation, healthFacility, rumourRebuttal } from './tables.js';

const ALL_DAY = ['00:00-24:00'];
const week = (weekday: string[], weekend: string[] = weekday): OpeningHours => ({ mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: weekend, sun: weekend });

const REBUTTALS: { claim: string; verdict: string; evidence: string; source: string; url?: string; status: 'published' | 'withdrawn' | 'draft'; days: number; city?: boolean }[] = [
  { claim: '喝高度白酒、熏醋可以杀灭新冠病毒、预防感染', verdict: 'false', evidence: '饮酒不能预防新型冠状病毒感染，过量饮酒会损害肝脏和免疫力；熏醋不能杀灭空气中的病毒，还可能刺激呼吸道。', source: '国家卫生健康委员会', url: 'https://www.nhc.gov.cn/', status: 'published', days: 40, city: true },
  { claim: '本县人民医院发热门诊已经关闭，发热病人无处就诊', verdict: 'false', evidence: '经核实，县人民医院发热门诊24小时开诊，仅于上周六夜间因消杀暂停两小时，已恢复接诊。', source: '县卫生健康局', status: 'published', days: 21 },
  { claim: '小区封控期间每户每天只能出门一次买菜', verdict: 'partly', evidence: '仅中风险区所在楼栋实行每户每两天一人外出采购，其他楼栋正常出行，请以社区公告为准。', source: '县疫情防控指挥部', status: 'published', days: 14 },
  { claim: '接种新冠疫苗后一个月内不能吃海鲜', verdict: 'false', evidence: '疫苗接种后无需特殊忌口，正常饮食即可；对海鲜过敏者本就应避免食用。', source: '市疾病预防控制中心', url: 'https://www.chinacdc.cn/', status: 'published', days: 9, city: true },
  { claim: '县城将于下周一起全域静默管理', verdict: 'unverified', evidence: '指挥部未发布相关决定，正在核实信息来源，请以官方发布为准，勿信谣传谣。', source: '县疫情防控指挥部', status: 'withdrawn', days: 6 },
  { claim: '外地返乡人员一律集中隔离14天', verdict: 'false', evidence: '低风险地区返乡人员无需隔离，抵达后三天内完成一次核酸检测并向社区报备即可。', source: '县疫情防控指挥部', status: 'published', days: 3 },
  { claim: '某药店布洛芬加价十倍出售', verdict: 'unverified', evidence: '市场监管部门已介入调查，结果将及时公布。', source: '县市场监督管理局', status: 'draft', days: 1 },
];

const HOSPITALS: { name: string; kind: string; hours: OpeningHours; services: string }[] = [
  { name: '县人民医院', kind: 'designated_hospital', hours: week(ALL_DAY), services: '急诊、发热门诊、新冠定点救治、核酸检测' },
  { name: '县人民医院发热门诊', kind: 'fever_clinic', hours: week(ALL_DAY), services: '发热筛查、血常规、核酸检测、CT' },
  { name: '县中医医院', kind: 'hospital', hours: week(['08:00-12:00', '14:30-17:30'], ['08:00-12:00']), services: '中医内科、针灸推拿、儿科' },
  { name: '县中医医院发热门诊', kind: 'fever_clinic', hours: week(['08:00-22:00']), services: '发热筛查、核酸检测' },
  { name: '县妇幼保健院', kind: 'hospital', hours: week(['08:00-12:00', '14:30-17:30'], []), services: '妇产科、儿童保健、预防接种' },
  { name: '县第二人民医院', kind: 'hospital', hours: week(['08:00-17:30'], ['08:00-12:00']), services: '内科、外科、急诊' },
  { name: '县第二人民医院发热门诊', kind: 'fever_clinic', hours: week(['20:00-08:00', '08:00-20:00']), services: '发热筛查、核酸检测、输液' },
  { name: '县传染病医院', kind: 'designated_hospital', hours: week(ALL_DAY), services: '传染病救治、隔离病房' },
  { name: '城关镇卫生院', kind: 'hospital', hours: week(['08:00-17:00'], ['08:30-11:30']), services: '全科门诊、预防接种' },
  { name: '城关镇卫生院发热哨点诊室', kind: 'fever_clinic', hours: week(['08:00-20:00']), services: '发热登记、抗原检测、转诊' },
  { name: '武陵社区卫生服务中心', kind: 'community_health_centre', hours: week(['08:00-12:00', '14:00-17:30'], ['08:30-12:00']), services: '全科、慢病随访、疫苗接种' },
  { name: '朗州社区卫生服务中心', kind: 'community_health_centre', hours: week(['08:00-12:00', '14:00-17:30'], []), services: '全科、家庭医生签约' },
  { name: '桥南社区卫生服务中心', kind: 'community_health_centre', hours: week(['07:30-11:30', '14:00-17:30'], ['08:00-11:30']), services: '全科、中医、康复' },
  { name: '建设路社区卫生服务中心', kind: 'community_health_centre', hours: week(['08:00-17:30']), services: '全科、老年人体检' },
  { name: '人民路社区卫生服务站', kind: 'community_health_centre', hours: week(['08:00-12:00', '14:30-18:00'], ['09:00-12:00']), services: '全科、测血压血糖' },
  { name: '高新区卫生院', kind: 'hospital', hours: week(['08:00-17:30'], ['08:00-12:00']), services: '全科、口腔、放射' },
  { name: '高新区卫生院发热门诊', kind: 'fever_clinic', hours: week(['18:00-08:00', '08:00-18:00']), services: '发热筛查、核酸检测' },
  { name: '县骨伤科医院', kind: 'hospital', hours: week(['08:00-12:00', '14:00-17:30'], ['08:00-12:00']), services: '骨科、康复' },
  { name: '丹洲社区卫生服务中心', kind: 'community_health_centre', hours: week(['08:00-12:00', '14:00-17:00'], []), services: '全科、疫苗接种' },
  { name: '县急救中心', kind: 'hospital', hours: week(ALL_DAY), services: '院前急救、120调度' },
];

const QUESTIONS: { q: string; a?: string; status: 'published' | 'asked' | 'rejected' | 'answered'; days: number; reason?: string }[] = [
  { q: '从外地返乡需要隔离吗？需要做几次核酸？', a: '低风险地区返乡无需隔离，抵达后三天内做一次核酸检测，并通过居民端或社区向网格员报备。', status: 'published', days: 20 },
  { q: '家里老人行动不便，可以上门接种疫苗吗？', a: '可以。请联系所在社区卫生服务中心预约，医生将在每周二、周四下午上门接种。', status: 'published', days: 18 },
  { q: '发热门诊晚上开吗？孩子夜里发烧去哪里？', a: '县人民医院发热门诊24小时开诊，县第二人民医院发热门诊也全天接诊，儿童可直接前往。', status: 'published', days: 15 },
  { q: '核酸检测结果多久能出来？在哪里查？', a: '一般6小时内出结果，可在居民端“健康码”或检测机构公众号查询。', status: 'published', days: 12 },
  { q: '我家楼栋被划为中风险区，快递还能收吗？我的电话13807361234', a: '可以收快递，快递统一放在小区门口无接触取件点，由志愿者配送到楼下。', status: 'published', days: 10 },
  { q: '口罩预约领到后可以代家人领取吗？', a: '可以，凭预约时登记的领取码和被代领人身份证号即可代领。', status: 'published', days: 7 },
  { q: '居家隔离期间垃圾怎么处理？', a: '社区每天上午统一上门收运，请将垃圾装袋密封并喷洒消毒液后放在门口。', status: 'published', days: 5 },
  { q: '封控期间孕妇产检怎么办？', a: '请联系网格员，社区将安排专车送往县妇幼保健院，全程闭环。', status: 'answered', days: 2 },
  { q: '请问小区什么时候解封？', status: 'asked', days: 1 },
  { q: '能不能帮我代买一箱啤酒？', status: 'rejected', days: 4, reason: '在线咨询用于防疫政策答疑，生活物资代购请联系所在网格员。' },
];

export async function seedDemoPublicInfo(kit: Pick<Kit, 'db' | 'clock'>, county: string, countyGrids: readonly { regionCode: string; boundary: { coordinates: PolygonCoordinates } }[]): Promise<{ rebuttals: number; facilities: number; questions: number }> {
  const { db } = kit;
  const countyOp = (await accountByUsername(db, 'county_op'))?.id ?? randomUUID();
  const community = (await accountByUsername(db, 'community_op'))?.id ?? countyOp;
  const resident = (await accountByUsername(db, 'resident1'))?.id ?? null;
  const now = kit.clock.now().getTime();
  const ago = (days: number, hours = 0) => new Date(now - days * 86_400_000 - hours * 3_600_000);
  const cityCode = county.slice(0, 4).padEnd(12, '0');
  const firstCommunity = countyGrids[0]?.regionCode ?? county;

  await db.insert(rumourRebuttal).values(
    REBUTTALS.map((r) => ({
      id: randomUUID(), regionCode: r.city ? cityCode : county, claim: r.claim, verdict: r.verdict, evidence: r.evidence, sourceName: r.source, sourceUrl: r.url ?? null, attachments: [],
      searchTerms: searchTerms(r.claim, r.evidence), status: r.status, version: r.status === 'draft' ? 1 : r.status === 'published' ? 2 : 3, createdBy: countyOp,
      publishedAt: r.status === 'draft' ? null : ago(r.days), createdAt: ago(r.days, 3), updatedAt: ago(r.status === 'withdrawn' ? r.days - 1 : r.days),
    })),
  );

  // One facility per grid, spread over the county (a point inside each grid's outline).
  const step = Math.max(1, Math.floor(countyGrids.length / HOSPITALS.length));
  const facilities = HOSPITALS.slice(0, countyGrids.length).map((h, i) => {
    const grid = countyGrids[(i * step) % countyGrids.length]!;
    const [lon, lat] = interiorPoint(grid.boundary.coordinates);
    const phone = `0736-72${String(10_000 + i * 137).slice(-5)}`;
    return { id: randomUUID(), regionCode: h.kind === 'community_health_centre' ? grid.regionCode : county, name: h.name, kind: h.kind, address: `${['人民路', '建设路', '武陵大道', '朗州路', '桥南路'][i % 5]}${8 + i * 11}号`, lon, lat, phone, hours: h.hours, services: h.services, active: true, version: 1, createdBy: countyOp, createdAt: ago(60), updatedAt: ago(60) };
  });
  if (facilities.length > 0) await db.insert(healthFacility).values(facilities);

  await db.insert(consultation).values(
    QUESTIONS.map((q, i) => ({
      id: randomUUID(), regionCode: firstCommunity, question: maskFreeText(q.q), answer: q.a ?? null, rejectReason: q.reason ?? null, askedBy: i % 3 === 0 ? resident : null, status: q.status,
      version: q.status === 'asked' ? 1 : q.status === 'published' ? 3 : 2, answeredBy: q.a ? community : null, askedAt: ago(q.days, 5), answeredAt: q.a ? ago(q.days, 2) : null,
      publishedAt: q.status === 'published' ? ago(q.days, 1) : null, updatedAt: ago(q.days, 1),
    })),
  );
  return { rebuttals: REBUTTALS.length, facilities: facilities.length, questions: QUESTIONS.length };
}
