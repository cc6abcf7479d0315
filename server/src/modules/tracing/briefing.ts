/**
 * The daily epidemic briefing (疫情日报) as an .xlsx workbook: the day's figures and the 14-day
 * WHO tracing indicators of the region (概况), the same per child region (各地区指标), and the
 * daily trend (近期趋势). Counts and shares only; the officials' working language is Chinese.
 */
import ExcelJS from 'exceljs';
import type { EpidemicSituation, SituationFigures } from '@gridgov/contracts';

const percent = (v: number | null) => (v === null ? '—' : v);

const REGION_COLUMNS: { header: string; width: number; value: (f: SituationFigures) => number | string | null }[] = [
  { header: '新增病例', width: 10, value: (f) => f.newCases },
  { header: '其中确诊', width: 10, value: (f) => f.confirmed },
  { header: '来自密接名单的新病例占比', width: 16, value: (f) => percent(f.fromContactsShare) },
  { header: '24小时内启动流调的病例占比', width: 16, value: (f) => percent(f.tracedWithin24hShare) },
  { header: '新增密接', width: 10, value: (f) => f.newContacts },
  { header: '每例密接数', width: 10, value: (f) => f.contactsPerCase ?? '—' },
  { header: '在管密接', width: 10, value: (f) => f.following },
  { header: '期满解除', width: 10, value: (f) => f.ended },
  { header: '密接转病例', width: 10, value: (f) => f.becameCases },
  { header: '隔离管理人数', width: 12, value: (f) => f.quarantined },
  { header: '每日随访占比', width: 12, value: (f) => percent(f.followedDailyShare) },
  { header: '全程随访占比', width: 12, value: (f) => percent(f.completedShare) },
  { header: '失访', width: 8, value: (f) => f.lost },
];

function sharesAsPercent(sheet: ExcelJS.Worksheet, columns: number[]): void {
  for (const c of columns) sheet.getColumn(c).numFmt = '0.0%';
}

export async function briefingWorkbook(s: EpidemicSituation, day: EpidemicSituation['trend'][number] | undefined, generatedAt: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(generatedAt);
  const summary = book.addWorksheet('概况');
  summary.columns = [{ width: 34 }, { width: 18 }];
  summary.addRow([`${s.regionName}疫情日报（${s.to}）`]).font = { bold: true, size: 14 };
  summary.addRow(['统计口径', `${s.from} 至 ${s.to}（指标）；当日数字为 ${s.to}`]);
  summary.addRow(['生成时间', generatedAt]);
  summary.addRow([]);
  summary.addRow(['当日新增病例', day?.newCases ?? 0]);
  summary.addRow(['当日新增确诊', day?.confirmed ?? 0]);
  summary.addRow(['当日新增密接', day?.newContacts ?? 0]);
  summary.addRow(['当日末在管密接', day?.following ?? 0]);
  summary.addRow([]);
  for (const c of REGION_COLUMNS) {
    const row = summary.addRow([`期间${c.header}`, c.value(s.total)]);
    if (c.header.endsWith('占比') && typeof c.value(s.total) === 'number') row.getCell(2).numFmt = '0.0%';
  }
  summary.addRow([]);
  summary.addRow(['说明：占比的分母为 0 时记为“—”。本表只含统计数字，不含任何个人信息。']);

  const regions = book.addWorksheet('各地区指标', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  regions.columns = [{ header: '区划代码', width: 14 }, { header: '地区', width: 18 }, ...REGION_COLUMNS.map((c) => ({ header: c.header, width: c.width }))];
  regions.getRow(1).font = { bold: true };
  for (const r of s.regions) regions.addRow([r.regionCode, r.name, ...REGION_COLUMNS.map((c) => c.value(r))]);
  regions.addRow(['合计', s.regionName, ...REGION_COLUMNS.map((c) => c.value(s.total))]).font = { bold: true };
  sharesAsPercent(regions, [5, 6, 13, 14]);

  const trend = book.addWorksheet('近期趋势', { views: [{ state: 'frozen', ySplit: 1 }] });
  trend.columns = [{ header: '日期', width: 12 }, { header: '新增病例', width: 10 }, { header: '新增确诊', width: 10 }, { header: '新增密接', width: 10 }, { header: '日末在管密接', width: 14 }];
  trend.getRow(1).font = { bold: true };
  for (const d of s.trend) trend.addRow([d.day, d.newCases, d.confirmed, d.newContacts, d.following]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
