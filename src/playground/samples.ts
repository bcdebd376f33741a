// Starting documents for the playground, written for this project (invented agencies and numbers).

export const SAMPLES: Record<string, string> = {
  blank: '',
  tongzhi: [
    '西岭市人民政府办公室文件',
    '西政办发〔2026〕8号',
    '西岭市人民政府办公室关于做好2026年春季防火工作的通知',
    '各区县人民政府，市政府各部门：',
    '春季气候干燥，风大物燥，是森林火灾和城乡火灾的易发期。为切实做好今年春季防火工作，保障人民群众生命财产安全，经市人民政府同意，',
  ].join('\n'),
  classified: [
    '秘密★1年',
    '西岭市国家安全领导小组办公室文件',
    '西安办发〔2026〕3号',
    '西岭市国家安全领导小组办公室关于加强重要会议保密管理的通知',
    '各成员单位：',
    '为进一步加强重要会议保密管理，',
  ].join('\n'),
};

export type SampleName = keyof typeof SAMPLES;
