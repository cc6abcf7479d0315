/** Believable answers to the shipped resumption form (the demo and the tests). */
export function resumptionAnswers(resumeOn: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { resume_on: resumeOn, responsible: '王经理', prevention_plan: '每日两次测温，车间每日消毒，员工分批就餐，设临时隔离观察室。', masks: 2000, thermometers: 4, disinfectant_litres: 50, isolation_room: true, ...more };
}
