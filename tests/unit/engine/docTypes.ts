export const DOC_TYPES_WITH_VERB = ['通知', '请示', '报告', '函', '通报', '批复', '意见', '决定', '纪要', '通告', '公告', 'unknown'];
