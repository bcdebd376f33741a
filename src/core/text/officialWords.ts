// The official words accept-next keeps whole (terms.ts says how they are used). Data only, no imports: the
// panes load this file as a chunk of its own at start, so it costs their first bundle nothing (bundle budget).

/**
 * Organisation words of 公文, as they follow a place name (市/县/区…): the 人民政府 and its offices, and the
 * government departments named in the 2018 institutional reform at provincial, city and county level.
 * Each is one word for a clerk; a compound like 人民政府办公室 is two (人民政府, then 办公室), as it is
 * spoken. Frequent fixed phrases of the genre follow.
 */
export const OFFICIAL_WORDS: readonly string[] = [
  '人民政府', '人民代表大会', '常务委员会', '人大常委会', '政协', '委员会', '办公室', '办公厅', '办事处', '街道办事处',
  '管理委员会', '居民委员会', '村民委员会', '领导小组', '指挥部', '人民法院', '人民检察院', '纪律检查委员会', '监察委员会',
  '组织部', '宣传部', '统战部', '政法委员会', '机构编制委员会',
  '发展和改革委员会', '发展和改革局', '教育局', '教育和体育局', '科学技术局', '科技局', '工业和信息化局', '民族宗教事务局',
  '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局', '自然资源和规划局', '生态环境局',
  '住房和城乡建设局', '住房和城乡建设委员会', '交通运输局', '水利局', '水务局', '农业农村局', '商务局', '文化和旅游局',
  '文化广电和旅游局', '卫生健康委员会', '卫生健康局', '退役军人事务局', '应急管理局', '审计局', '国有资产监督管理委员会',
  '市场监督管理局', '广播电视局', '体育局', '统计局', '医疗保障局', '林业局', '林业和草原局', '乡村振兴局', '城市管理局',
  '综合行政执法局', '信访局', '数据局', '政务服务管理局', '行政审批局', '机关事务管理局', '供销合作社', '税务局',
  '特此通知', '特此报告', '特此函告', '特此批复', '特此通报', '有关事项', '有关单位', '实施方案', '工作方案',
  '高质量发展', '乡村振兴', '安全生产', '请批示', '妥否',
];

