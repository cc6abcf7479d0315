/** Simplified Chinese messages of the console frame: the phone menu, the global search, the menu's to-do counts. */
export const navigationZhCN = {
  'nav.openMenu': '菜单',
  'nav.todo': '{n} 项待办',
  'users.gridNone': '没有找到管辖范围内的网格',
  'search.placeholder': '搜索工单编号、人员、地点',
  'search.open': '搜索',
  'search.tickets': '工单',
  'search.people': '人员',
  'search.places': '地点',
  'search.none': '没有找到匹配的结果',
  'search.tooShort': '请至少输入 2 个字',
  'search.byIdNumber': '按身份证号精确查找（计入查看完整信息的次数）',
  'search.kind.building': '楼栋',
  'notice.urgent': '紧急',
  'notice.due': '办理时限 {time}',
  'search.kind.venue': '场所',
} as const;
